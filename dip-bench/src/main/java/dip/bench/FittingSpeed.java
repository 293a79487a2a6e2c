package dip.bench;

import dip.bench.BenchInputException.Problem;
import dip.engine.Engine;
import dip.fit.Progress;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageWriteException;
import dip.restore.NetSpec;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.restore.StopRule;
import dip.task.Denoise;
import dip.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The paper's "fitting speed" experiment (its Fig. 2): the same net, from the same initialisation, fitted by plain
 * MSE to a natural image, the image plus Gaussian noise, the image with its pixels shuffled, and U(0,1) white
 * noise. The natural image is fitted much faster: that difference is the prior.
 */
public final class FittingSpeed {
    /** The targets in plot and CSV order; the CSV column of each is mse_NAME. */
    public static final List<String> TARGETS = List.of("image", "image_noise", "shuffled", "noise");
    /** σ of the noise added for "image + noise", in [0,1] units (≈ 25/255, the paper's denoising level). */
    public static final double DEFAULT_NOISE_SIGMA = 0.1;
    public static final String CSV_FILE = "fitting-speed.csv";
    public static final String PNG_FILE = "fitting-speed.png";
    private static final double LR = 0.01;

    /**
     * @param size        centre-crop the image to size×size first (null: whole image)
     * @param noiseSigma  std of the Gaussian noise of the "image + noise" target, values then clipped to [0,1]
     * @param net         the net (null: the preset {@code arch})
     */
    public record Config(Path image, int iterations, Path out, String arch, double threshold, long seed, int threads,
                         Integer size, double noiseSigma, NetSpec net) {
        public Config {
            if (iterations < 1) {
                throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
            }
            if (!(threshold > 0)) {
                throw new IllegalArgumentException("--threshold must be positive, got " + threshold);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            if (size != null && size < 1) {
                throw new IllegalArgumentException("--size must be positive, got " + size);
            }
            if (!(noiseSigma >= 0)) {
                throw new IllegalArgumentException("noise sigma must be zero or positive, got " + noiseSigma);
            }
            out = out == null ? Path.of("bench-out", "fitting-speed") : out;
            arch = arch == null ? "skip" : arch;
            net = net == null ? NetSpec.preset(arch) : net;
        }

        public static Config of(Path image, int iterations) {
            return new Config(image, iterations, null, null, 0.01, 0, Engine.defaultThreads(), null, DEFAULT_NOISE_SIGMA, null);
        }
    }

    /**
     * @param mse        per target (in {@link #TARGETS} order), the loss at iterations 1..n
     * @param firstBelow per target, the first iteration whose MSE is below the threshold, or null if none
     */
    public record Result(int height, int width, List<double[]> mse, Map<String, Integer> firstBelow, Path csv, Path png) {}

    /** Reports progress; the experiment itself never prints. */
    public interface Listener {
        default void onTargetStart(int index, int count, String target) {}

        default void onIteration(String target, Progress p) {}

        Listener NONE = new Listener() {};
    }

    private FittingSpeed() {}

    public static Result run(Config cfg, Listener listener) {
        Image img = ImageFiles.read(cfg.image()).image();
        if (cfg.size() != null) {
            if (img.height() < cfg.size() || img.width() < cfg.size()) {
                throw new BenchInputException(Problem.BAD_IMAGE, cfg.image() + " is " + img.height() + "x" + img.width()
                        + ", smaller than --size " + cfg.size());
            }
            img = img.centreCrop(cfg.size());
        }
        try {
            Files.createDirectories(cfg.out());
        } catch (IOException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, "cannot create output folder " + cfg.out() + ": " + e.getMessage());
        }
        Map<String, Image> targets = targets(img, cfg.noiseSigma(), cfg.seed());
        List<double[]> curves = new ArrayList<>();
        Map<String, Integer> firstBelow = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, Image> t : targets.entrySet()) {
            listener.onTargetStart(++k, targets.size(), t.getKey());
            write(t.getValue(), cfg.out().resolve("target_" + t.getKey() + ".png"));
            double[] mse = new double[cfg.iterations()];
            // No perturbation of z, no backtracking, every iteration: the plain learning curve of each target,
            // from the same initial weights and z (the same seed) for every target.
            RestoreConfig config = RestoreConfig.builder(TaskSpec.denoise(t.getValue())).iterations(cfg.iterations()).lr(LR)
                    .regNoise(0).backtrackDb(0).stop(StopRule.fixed()).seed(cfg.seed()).threads(cfg.threads())
                    .net(cfg.net()).build();
            String name = t.getKey();
            try (Restorer restorer = new Restorer(config)) {
                restorer.run(p -> {
                    mse[p.iteration() - 1] = p.loss();
                    listener.onIteration(name, p);
                });
            }
            curves.add(mse);
            firstBelow.put(name, firstBelow(mse, cfg.threshold()));
        }
        Path csv = cfg.out().resolve(CSV_FILE);
        ResultsStore.writeAtomically(csv, csv(curves));
        Path png = cfg.out().resolve(PNG_FILE);
        FittingSpeedChart.write(curves, cfg.threshold(), img.height() + "×" + img.width() + ", " + cfg.arch(), png);
        return new Result(img.height(), img.width(), curves, firstBelow, csv, png);
    }

    /** The four targets, in {@link #TARGETS} order. */
    static Map<String, Image> targets(Image img, double noiseSigma, long seed) {
        Map<String, Image> t = new LinkedHashMap<>();
        t.put("image", img);
        t.put("image_noise", Denoise.addNoise(img, noiseSigma, seed));
        t.put("shuffled", shuffled(img, seed));
        t.put("noise", whiteNoise(img.channels(), img.height(), img.width(), seed));
        return t;
    }

    /** The same pixels (colour triplets kept whole) at randomly permuted positions (seeded Fisher–Yates). */
    static Image shuffled(Image img, long seed) {
        int n = img.pixels();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        float[] in = img.data();
        float[] out = new float[in.length];
        for (int c = 0; c < img.channels(); c++) {
            for (int p = 0; p < n; p++) {
                out[c * n + p] = in[c * n + perm[p]];
            }
        }
        return new Image(img.channels(), img.height(), img.width(), out);
    }

    /** U(0,1) in every pixel and channel. */
    static Image whiteNoise(int channels, int height, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed + 2);
        float[] d = new float[channels * height * width];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextDouble();
        }
        return new Image(channels, height, width, d);
    }

    static Integer firstBelow(double[] mse, double threshold) {
        for (int i = 0; i < mse.length; i++) {
            if (mse[i] < threshold) {
                return i + 1;
            }
        }
        return null;
    }

    private static String csv(List<double[]> curves) {
        StringBuilder sb = new StringBuilder("iteration");
        TARGETS.forEach(t -> sb.append(",mse_").append(t));
        sb.append('\n');
        for (int i = 0; i < curves.get(0).length; i++) {
            sb.append(i + 1);
            for (double[] c : curves) {
                sb.append(',').append(String.format(Locale.ROOT, "%.8g", c[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void write(Image img, Path file) {
        try {
            ImageFiles.write(img, file, 8);
        } catch (ImageWriteException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, e.getMessage());
        }
    }
}
