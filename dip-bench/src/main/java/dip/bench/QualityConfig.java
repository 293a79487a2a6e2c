package dip.bench;

import dip.engine.Engine;
import dip.engine.Precision;
import dip.fit.FitSettings;
import dip.fit.LrSchedule;
import dip.fit.Recipe;
import dip.fit.VarianceStop;
import dip.restore.NetSpec;
import dip.task.SuperResolve;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One quality benchmark run.
 *
 * @param images     names to run, in this order (empty: every image of the folder)
 * @param iterations overrides the task's recipe (null: the recipe's)
 * @param centreCrop evaluate on the N×N centre crop of every image (null: whole images, the paper's protocol)
 * @param preset     net preset (null: the recipe's): names the run's folder and results
 * @param net        the net to build (null: the preset)
 * @param precision  the net's number format (null: {@link Precision#auto()})
 * @param schedule   the learning-rate schedule (null: the recipe's)
 * @param runs       seeded fits averaged per image (null: the recipe's, 1)
 * @param downscaler how SR inputs are made from the HR images (null: {@link #DEFAULT_DOWNSCALER})
 */
public record QualityConfig(BenchTask task, Path data, List<String> images, Integer iterations, Path out,
                            Integer centreCrop, long seed, int threads, String preset, NetSpec net, Precision precision,
                            LrSchedule schedule, Integer runs, SuperResolve.Downscaler downscaler) {
    /** Smallest crop: SSIM needs 11×11 and the SR protocol crops to a multiple of 32. */
    public static final int MIN_CROP = 11;
    /** The LR inputs are made from the HR cropped to a multiple of this (the authors' crop_image). */
    public static final int SR_CROP_MULTIPLE = SuperResolve.CROP_MULTIPLE;
    /**
     * The SR tables' inputs by default: Lanczos-3, as the authors' notebook makes them, so that earlier rows stay
     * comparable; {@code BICUBIC} makes those the paper's bicubic column was computed from (docs/quality/README.md).
     */
    public static final SuperResolve.Downscaler DEFAULT_DOWNSCALER = SuperResolve.Downscaler.LANCZOS3;

    public QualityConfig {
        images = images == null ? List.of() : List.copyOf(images);
        if (iterations != null && iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        int minCrop = task.superResolution() ? SR_CROP_MULTIPLE : MIN_CROP;
        if (centreCrop != null && centreCrop < minCrop) {
            throw new IllegalArgumentException("--centre-crop must be at least " + minCrop + " for " + task.cliName()
                    + ", got " + centreCrop);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (out == null) {
            out = defaultOut(task);
        }
        if (preset == null) {
            preset = task.recipe().preset();
        }
        if (net == null) {
            net = NetSpec.preset(preset);
        }
        if (precision == null) {
            precision = Precision.auto();
        }
        if (schedule == null) {
            schedule = task.recipe().schedule();
        }
        if (runs == null) {
            runs = task.recipe().runs();
        }
        if (downscaler == null) {
            downscaler = DEFAULT_DOWNSCALER;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (runs > 1 && task.methods().contains(BenchTask.Method.DIP_AUTO_STOP)) {
            // the denoising table replays the automatic stop on one fit's curve
            throw new IllegalArgumentException("--runs takes sr4, sr8 and inpaint, not " + task.cliName());
        }
    }

    /** The paper's settings for the task on every image of the folder, seed 0, all cores. */
    public static QualityConfig of(BenchTask task, Path data) {
        return new QualityConfig(task, data, List.of(), null, null, null, 0, Engine.defaultThreads(), null, null, null, null, null, null);
    }

    public static Path defaultOut(BenchTask task) { return Path.of("bench-out", "quality-" + task.cliName()); }

    public QualityConfig withImages(List<String> v) { return new QualityConfig(task, data, v, iterations, out, centreCrop, seed, threads, preset, net, precision, schedule, runs, downscaler); }

    public QualityConfig withIterations(Integer v) { return new QualityConfig(task, data, images, v, out, centreCrop, seed, threads, preset, net, precision, schedule, runs, downscaler); }

    public QualityConfig withOut(Path v) { return new QualityConfig(task, data, images, iterations, v, centreCrop, seed, threads, preset, net, precision, schedule, runs, downscaler); }

    public QualityConfig withCentreCrop(Integer v) { return new QualityConfig(task, data, images, iterations, out, v, seed, threads, preset, net, precision, schedule, runs, downscaler); }

    public QualityConfig withSeed(long v) { return new QualityConfig(task, data, images, iterations, out, centreCrop, v, threads, preset, net, precision, schedule, runs, downscaler); }

    public QualityConfig withThreads(int v) { return new QualityConfig(task, data, images, iterations, out, centreCrop, seed, v, preset, net, precision, schedule, runs, downscaler); }

    /** A net other than the recipe's, called {@code name} in the results (tests use a tiny one). */
    public QualityConfig withNet(String name, NetSpec spec) {
        return new QualityConfig(task, data, images, iterations, out, centreCrop, seed, threads, name, spec, precision, schedule, runs, downscaler);
    }

    public QualityConfig withPrecision(Precision v) { return new QualityConfig(task, data, images, iterations, out, centreCrop, seed, threads, preset, net, v, schedule, runs, downscaler); }

    public QualityConfig withSchedule(LrSchedule v) { return new QualityConfig(task, data, images, iterations, out, centreCrop, seed, threads, preset, net, precision, v, runs, downscaler); }

    public QualityConfig withRuns(int v) { return new QualityConfig(task, data, images, iterations, out, centreCrop, seed, threads, preset, net, precision, schedule, v, downscaler); }

    public QualityConfig withDownscaler(SuperResolve.Downscaler v) { return new QualityConfig(task, data, images, iterations, out, centreCrop, seed, threads, preset, net, precision, schedule, runs, v); }

    public boolean cropped() { return centreCrop != null; }

    /** The task's recipe with this run's iterations and preset. */
    public Recipe recipe() {
        Recipe r = task.recipe().withPreset(preset).withSchedule(schedule).withRuns(runs);
        return iterations == null ? r : r.withIterations(iterations);
    }

    public FitSettings fitSettings() { return recipe().settings(seed); }

    /**
     * Identifies results that can be reused: everything that changes the numbers (threads do not, beyond
     * floating-point order). Bump the version when the evaluation itself changes.
     */
    public String settingsHash() {
        FitSettings s = fitSettings();
        String canonical = String.format(Locale.ROOT,
                "v1;task=%s;preset=%s;iterations=%d;lr=%s;reg=%s;seed=%d;crop=%s;decay=%s;backtrack=%s;protocol=%s%s%s",
                task.cliName(), preset, s.iterations(), s.lr(), s.regNoise(), seed,
                centreCrop == null ? "none" : centreCrop, s.averageDecay(), s.backtrackDb(), task.protocol().key(),
                precision == Precision.FP32 ? "" : ";precision=" + precision.label(), // fp32 rows of earlier runs stay valid
                task.methods().contains(BenchTask.Method.DIP_AUTO_STOP)
                        ? ";stop=" + VarianceStop.DEFAULT_WINDOW + "/" + VarianceStop.DEFAULT_PATIENCE : "")
                + (s.schedule() == LrSchedule.CONSTANT ? "" : ";schedule=" + s.schedule().key()) // earlier rows stay valid
                + (runs == 1 ? "" : ";runs=" + runs)
                + (s.regNoiseWarmup() == 0 ? "" : ";warmup=" + s.regNoiseWarmup())
                + (lanczosInputs() ? "" : ";downscaler=" + downscaler.key()); // Lanczos-3 rows of earlier runs stay valid
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * The recipe a row was fitted with: "paper" (the paper's settings for the task, as its table), with the net named
     * when --net replaced the recipe's, and the iterations when --iterations changed them.
     */
    public String recipeLabel() {
        return "paper" + (preset.equals(task.recipe().preset()) ? "" : ", net " + preset)
                + (iterations == null || iterations == task.recipe().iterations() ? "" : ", " + iterations + " iterations")
                + (schedule == task.recipe().schedule() ? "" : ", " + schedule.key() + " learning rate")
                + (runs == 1 ? "" : ", " + runs + " runs averaged (seeds " + seed + "-" + (seed + runs - 1) + ")")
                + (lanczosInputs() ? "" : ", " + downscaler.key() + " LR inputs");
    }

    /** A readable folder name for this run's images, e.g. skip-2000it-seed0-crop64-bf16. */
    public String label() {
        return preset + "-" + fitSettings().iterations() + "it-seed" + seed + (centreCrop == null ? "" : "-crop" + centreCrop)
                + (precision == Precision.FP32 ? "" : "-" + precision.label())
                + (schedule == LrSchedule.CONSTANT ? "" : "-" + schedule.key())
                + (runs == 1 ? "" : "-runs" + runs)
                + (lanczosInputs() ? "" : "-" + downscaler.key() + "-lr");
    }

    /** Whether the inputs are those of earlier runs: not SR, or SR from Lanczos-3 inputs. */
    private boolean lanczosInputs() {
        return !task.superResolution() || downscaler == SuperResolve.Downscaler.LANCZOS3;
    }
}
