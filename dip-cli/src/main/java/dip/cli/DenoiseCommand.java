package dip.cli;

import dip.engine.Engine;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.fit.FitSettings;
import dip.fit.Fitter;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Montage;
import dip.metric.Psnr;
import dip.metric.Ssim;
import dip.net.Net;
import dip.prior.DeepPrior;
import dip.prior.NetInput;
import dip.task.Denoise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip denoise INPUT -o OUTPUT: the paper's denoising recipe. */
@Command(name = "denoise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove noise from an image by fitting the deep image prior to it.",
                "Defaults: 3000 iterations, lr 0.01, reg noise 1/30, exponential average 0.99, backtracking on a 5 dB drop."})
public final class DenoiseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "The noisy image (PNG, JPEG, BMP, TIFF; grey or RGB).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Restored image (PNG): the final output.")
    Path output;

    @Option(names = "--output-average", paramLabel = "PATH", description = "Also write the exponential average of the outputs (PNG), usually the better restoration.")
    Path outputAverage;

    @Option(names = "--comparison", paramLabel = "PATH", description = "Also write a before/after figure (PNG): input | output | average.")
    Path comparison;

    @Option(names = "--add-noise", paramLabel = "SIGMA", description = "Add Gaussian noise of std SIGMA/255 to a clean input first (seeded by --seed), for experiments.")
    Double addNoise;

    @Mixin
    FitOptions fit;

    @Mixin
    NetOptions netOptions;

    @Override
    public Integer call() {
        fit.validate();
        if (addNoise != null && !(addNoise >= 0)) {
            throw new UserError(ExitCode.USAGE, "--add-noise must be zero or positive, got " + addNoise);
        }
        OutputPaths.checkImage(output, input, fit.reference);
        if (outputAverage != null) {
            OutputPaths.checkImage(outputAverage, input, fit.reference);
        }
        if (comparison != null) {
            OutputPaths.checkImage(comparison, input, fit.reference);
        }
        if (fit.log != null) {
            OutputPaths.checkFile(fit.log, input, fit.reference);
        }
        if (fit.snapshots != null) {
            OutputPaths.checkDirectory(fit.snapshots, fit.snapshots);
        }
        ImageFiles.ReadResult read = ImageFiles.read(input);
        read.warnings().forEach(w -> System.err.println("dip: warning: " + w));
        Image noisy = read.image();
        Image reference = fit.reference == null ? null : ImageFiles.read(fit.reference).image();
        if (reference != null && !reference.sameShape(noisy)) {
            throw new UserError(ExitCode.INPUT, "reference " + fit.reference + " is " + reference.shape()
                    + " but the input is " + noisy.shape());
        }
        if (addNoise != null) {
            noisy = addGaussianNoise(noisy, addNoise / 255.0, fit.seed);
        }

        FitSettings settings = FitSettings.denoising().withSeed(fit.seed);
        settings = fit.iterations != null ? settings.withIterations(fit.iterations) : settings;
        settings = fit.lr != null ? settings.withLr(fit.lr) : settings;
        settings = fit.regNoise != null ? settings.withRegNoise(fit.regNoise) : settings;

        Engine.init(fit.threadCount());
        Engine.seed(settings.seed());
        Net net = netOptions.build(NetOptions.Arch.skip, noisy.channels());
        DeepPrior prior = new DeepPrior(net, NetInput.NOISE, settings.regNoise(), noisy.height(), noisy.width());
        if (!fit.quiet) {
            System.err.printf("denoising %s (%s) with %s, %d iterations, %d threads%n", input, noisy.shape(),
                    prior.describe(), settings.iterations(), fit.threadCount());
            if (reference != null) {
                System.err.printf("input PSNR against the reference: %.2f dB%n", Psnr.psnr(noisy, reference));
            }
        }
        FitResult result;
        List<FitListener> listeners = new ArrayList<>();
        try (ProgressDisplay display = ProgressDisplay.create("denoise", settings.iterations(), fit.quiet);
             CsvLog log = fit.log == null ? null : new CsvLog(fit.log)) {
            listeners.add(display);
            if (log != null) {
                listeners.add(log);
            }
            if (fit.snapshots != null) {
                listeners.add(new Snapshots(fit.snapshots, fit.saveEvery, fit.bitDepth));
            }
            result = new Fitter().fit(new Denoise(noisy), prior, settings, reference,
                    FitListener.all(listeners.toArray(FitListener[]::new)));
        }
        ImageFiles.write(result.output(), output, fit.bitDepth);
        if (outputAverage != null) {
            ImageFiles.write(result.average(), outputAverage, fit.bitDepth);
        }
        if (comparison != null) {
            ImageFiles.write(Montage.sideBySide(List.of(noisy, result.output(), result.average()), 4), comparison, fit.bitDepth);
        }
        if (!fit.quiet) {
            System.err.printf("done: %d iterations in %s (%.3f s/iteration)%n", result.iterations(),
                    ProgressDisplay.duration(result.seconds()), result.seconds() / result.iterations());
            if (reference != null) {
                System.err.printf("PSNR output %.2f dB, average %.2f dB; SSIM output %.4f, average %.4f%n",
                        Psnr.psnr(result.output(), reference), Psnr.psnr(result.average(), reference),
                        Ssim.ssim(result.output(), reference), Ssim.ssim(result.average(), reference));
            }
            System.err.println("wrote " + output + (outputAverage != null ? ", " + outputAverage : "")
                    + (comparison != null ? ", " + comparison : ""));
        }
        return ExitCode.OK;
    }

    /** x + N(0, σ²), clipped to [0,1], as the authors synthesise noisy inputs. */
    static Image addGaussianNoise(Image clean, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Image out = clean.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.min(1, Math.max(0, d[i] + sigma * gaussian(rng)));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
