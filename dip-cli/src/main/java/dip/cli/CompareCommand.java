package dip.cli;

import dip.app.ExitCode;
import dip.app.FitOptions;
import dip.app.PriorOptions;
import dip.app.UserError;
import dip.fit.Recipe;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Mask;
import dip.image.Resize;
import dip.metric.Protocol;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.task.Inpaint;
import dip.task.SuperResolve;
import dip.task.TaskSpec;
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

    /** Accepted as by every restoration command; compare writes only its figure and CSV and uses none of them. */
    @Mixin
    FitFileOptions files;

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
        Image gt = taskName.equals("super-resolve") ? SuperResolve.groundTruth(read) : read;
        TaskSpec spec = switch (taskName) {
            case "super-resolve" -> TaskSpec.superResolve(SuperResolve.simulate(read, scale), scale);
            case "denoise" -> TaskSpec.denoise(gt).withAddedNoise(sigma / 255);
            default -> maskFile != null
                    ? inpaint(gt, Mask.fromFile(maskFile, gt.height(), gt.width()))
                    : TaskSpec.dropPixels(gt, keep);
        };
        Image observed = spec.observation(fit.seed());
        Image shown = taskName.equals("super-resolve") ? Resize.upscaleBicubic(observed, scale) : observed;
        List<String> names = new ArrayList<>(List.of(switch (taskName) {
            case "super-resolve" -> "bicubic";
            case "denoise" -> "noisy input";
            default -> "input";
        }));
        List<Image> panels = new ArrayList<>(List.of(shown));
        Protocol protocol = spec.protocol();
        List<double[]> rows = new ArrayList<>();
        rows.add(scores(protocol, shown, gt, 0, 0));
        Recipe recipe = fit.recipe(spec);
        for (PriorOptions.Kind kind : PriorOptions.Kind.values()) {
            priorOptions.prior(kind);
            RestoreConfig.Builder b = RestoreConfig.builder(spec).reference(gt).inputFile("input", input);
            fit.configure(b, recipe);
            priorOptions.configure(b, recipe);
            Restoration r;
            try (Restorer restorer = new Restorer(b.build())) {
                if (!fit.quiet()) {
                    System.err.println(restorer.task().name() + ": " + restorer.prior().describe());
                }
                try (ProgressDisplay display = ProgressDisplay.create(kind.name(), restorer.config().iterations(), fit.quiet())) {
                    r = restorer.run(display);
                }
            }
            names.add(switch (kind) { case dip -> "deep image prior"; case tv -> "TV prior"; case none -> "no prior"; });
            panels.add(r.output());
            rows.add(scores(protocol, r.output(), gt, r.fit().iterations(), r.fit().seconds()));
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

    /** PSNR and SSIM under the task's protocol (metric.Protocol: Y with the shave for SR, RGB otherwise). */
    private static double[] scores(Protocol protocol, Image x, Image gt, int iterations, double seconds) {
        return new double[] {protocol.psnr(x, gt), protocol.ssim(x, gt), iterations, seconds};
    }

    /** Inpainting of the clean image's holes, simulated as the task's forward model says. */
    private static TaskSpec inpaint(Image clean, Image mask) { return TaskSpec.inpaint(Inpaint.simulate(clean, mask), mask); }

    private static void writeAtomically(Path file, String text) {
        try {
            dip.io.AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
