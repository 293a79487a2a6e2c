package dip.cli;

import dip.fit.Recipe;
import dip.engine.Engine;
import dip.fit.FitResult;
import dip.fit.FitSettings;
import dip.fit.Fitter;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Mask;
import dip.image.Resize;
import dip.metric.Psnr;
import dip.metric.Ssim;
import dip.prior.Prior;
import dip.task.Denoise;
import dip.task.Inpaint;
import dip.task.SuperResolve;
import dip.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip compare TASK GT ... -o panel.png: the paper's baselines and DIP on the same input, in one figure. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Degrade a ground-truth image, restore it with each baseline (bicubic for SR, no prior, TV prior)",
                "and the deep image prior, and write one figure with each panel's PSNR under it plus a CSV of the numbers."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "denoise, super-resolve or inpaint.")
    String taskName;

    @Parameters(index = "1", paramLabel = "GT", description = "The ground-truth image.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FIGURE", description = "The figure (PNG); the CSV goes next to it.")
    Path output;

    @Option(names = "--scale", defaultValue = "4", description = "super-resolve: factor 2, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--noise", defaultValue = "25", paramLabel = "SIGMA", description = "denoise: std of the added noise ×255 (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--mask", paramLabel = "MASK", description = "inpaint: mask file (white = known).")
    Path maskFile;

    @Option(names = "--keep", defaultValue = "0.5", paramLabel = "P", description = "inpaint without --mask: keep pixels with probability P (default: ${DEFAULT-VALUE}).")
    double keep;

    @Mixin
    FitOptions fit;

    @Mixin
    PriorOptions priorOptions;

    @Override
    public Integer call() {
        fit.validate();
        if (!List.of("denoise", "super-resolve", "inpaint").contains(taskName)) {
            throw new UserError(ExitCode.USAGE, "unknown task '" + taskName + "'; choose denoise, super-resolve or inpaint");
        }
        if (taskName.equals("super-resolve") && scale != 2 && scale != 4 && scale != 8) {
            throw new UserError(ExitCode.USAGE, "--scale must be 2, 4 or 8, got " + scale);
        }
        Path csv = OutputPaths.parentOf(output).resolve(output.getFileName().toString().replaceAll("(?i)\\.png$", "") + ".csv");
        OutputPaths.checkImage(output, fit.force(), input);
        OutputPaths.checkFile(csv, fit.force(), input);
        Image read = ImageFiles.read(input).image();
        Engine.init(fit.threadCount());

        Image gt = taskName.equals("super-resolve") ? Resize.cropToMultiple(read, 32) : read;
        Task task;
        Recipe recipe;
        Image shown;
        List<String> names = new ArrayList<>();
        List<Image> panels = new ArrayList<>();
        switch (taskName) {
            case "super-resolve" -> {
                Image lr = Resize.downscaleLanczos3As8Bit(gt, scale);
                task = new SuperResolve(lr, scale);
                recipe = Recipe.superResolution(scale);
                shown = Resize.upscaleBicubic(lr, scale);
                names.add("bicubic");
            }
            case "denoise" -> {
                task = new Denoise(DenoiseCommand.addGaussianNoise(gt, sigma / 255, fit.seed));
                recipe = Recipe.DENOISE;
                shown = task.observation();
                names.add("noisy input");
            }
            default -> {
                Image m = maskFile != null ? Mask.fromFile(maskFile, gt.height(), gt.width()) : Mask.bernoulli(gt.height(), gt.width(), keep, fit.seed);
                task = new Inpaint(Mask.apply(gt, m), m);
                recipe = maskFile != null ? Recipe.INPAINT : Recipe.RESTORE_PIXELS;
                shown = task.observation();
                names.add("input");
            }
        }
        panels.add(shown);
        List<double[]> rows = new ArrayList<>();
        rows.add(scores(shown, gt, 0, 0));
        FitSettings settings = fit.settings(recipe);
        for (PriorOptions.Kind kind : PriorOptions.Kind.values()) {
            priorOptions.prior = kind;
            Engine.seed(settings.seed());
            Prior prior = priorOptions.build(task, recipe, settings.regNoise());
            if (!fit.quiet) {
                System.err.println(task.name() + ": " + prior.describe());
            }
            FitResult r;
            try (ProgressDisplay display = ProgressDisplay.create(kind.name(), settings.iterations(), fit.quiet)) {
                r = new Fitter().fit(task, prior, settings, gt, display);
            }
            names.add(switch (kind) { case dip -> "deep image prior"; case tv -> "TV prior"; case none -> "no prior"; });
            panels.add(r.output());
            rows.add(scores(r.output(), gt, r.iterations(), r.seconds()));
        }
        List<String> captions = new ArrayList<>();
        StringBuilder table = new StringBuilder("method,psnr_db,ssim,iterations,seconds\n");
        for (int i = 0; i < names.size(); i++) {
            double[] s = rows.get(i);
            captions.add(String.format("%s: %.2f dB", names.get(i), s[0]));
            table.append(String.format("%s,%.4f,%.4f,%d,%.1f%n", names.get(i), s[0], s[1], (long) s[2], s[3]));
        }
        names.add("ground truth");
        panels.add(gt);
        captions.add("ground truth");
        Figure.write(panels, captions, output);
        writeAtomically(csv, table.toString());
        System.out.print(table);
        return ExitCode.OK;
    }

    private double[] scores(Image x, Image gt, int iterations, double seconds) {
        Image c = x.clamped();
        double psnr = taskName.equals("super-resolve") ? Psnr.yPsnrShaved(c, gt) : Psnr.psnr(c, gt);
        return new double[] {psnr, Ssim.ssim(c, gt), iterations, seconds};
    }

    private static void writeAtomically(Path file, String text) {
        try {
            dip.io.AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
