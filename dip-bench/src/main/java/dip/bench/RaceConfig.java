package dip.bench;

import dip.engine.Engine;
import dip.restore.NetSpec;
import dip.restore.TiledRestorer;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code bench race}: the same degraded image restored by several paths, each to its end.
 *
 * @param task               "denoise", "jpeg" (blind JPEG clean-up), "super-resolve" or "inpaint"
 * @param image              the degraded input (for super-resolve the low-resolution image)
 * @param reference          the clean image: the input's size, or {@code scale} times it for super-resolve
 * @param paths              the contestants, run in this order (a projected path after its source)
 * @param out                the output folder
 * @param maxIterations      caps every path (null: each runs its recipe)
 * @param outputTargets      PSNRs (dB) of the output whose first reach is reported
 * @param averageTargets     PSNRs (dB) of the running average whose first reach is reported
 * @param project            the path projected from another path's curve (only paper-fp32), or null
 * @param projectIterations  iterations the projected path runs for real, to measure its time
 * @param netName            names {@code net} in the results (null: the recipe's net)
 * @param net                the net to build instead of the recipe's (tests use a tiny one), or null
 * @param scale              the super-resolution factor (super-resolve only; else 1)
 * @param mask               inpaint: the mask of the holes (white = known, black = hole); null: the input's pixels
 *                           that are 0 in every channel are the missing ones (the paper's 50%-missing-pixels table)
 * @param tiling             every path restores the image in these tiles ({@link TiledRestorer}, as many at once as
 *                           it fits with {@code threads}), its curve one point at its end; null: the whole image
 */
public record RaceConfig(String task, Path image, Path reference, List<RacePath> paths, Path out, long seed, int threads,
                         Integer maxIterations, List<Double> outputTargets, List<Double> averageTargets, RacePath project,
                         int projectIterations, String netName, NetSpec net, int scale, Path mask,
                         TiledRestorer.Tiling tiling) {
    public static final List<String> TASKS = List.of("denoise", "jpeg", "super-resolve", "inpaint");
    /** The super-resolution factors the paper's tables use (and the race's default, 4). */
    public static final List<Integer> SCALES = List.of(4, 8);
    public static final int DEFAULT_PROJECT_ITERATIONS = 30;

    public RaceConfig {
        if (!TASKS.contains(task)) {
            throw new IllegalArgumentException("--task must be one of " + String.join(", ", TASKS) + ", got '" + task + "'");
        }
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("--paths needs at least one path; valid paths: " + RacePath.VALID_FORMS);
        }
        if (paths.stream().distinct().count() != paths.size()) {
            throw new IllegalArgumentException("a path is given twice in --paths");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (maxIterations != null && maxIterations < 1) {
            throw new IllegalArgumentException("--max-iterations must be at least 1, got " + maxIterations);
        }
        outputTargets = List.copyOf(outputTargets);
        averageTargets = List.copyOf(averageTargets);
        if (project != null) {
            if (!project.paperFull()) {
                throw new IllegalArgumentException("only paper-fp32 can be projected, not " + project.name());
            }
            if (!paths.contains(project)) {
                throw new IllegalArgumentException("--project " + project.name() + ": the path is not in --paths");
            }
            if (projectIterations < 1) {
                throw new IllegalArgumentException("--project " + project.name() + ":N needs N of at least 1, got " + projectIterations);
            }
            projectionSource(paths, project); // refuses a race without one
        }
        if ((netName == null) != (net == null)) {
            throw new IllegalArgumentException("a custom net needs a name");
        }
        if (task.equals("super-resolve") ? !SCALES.contains(scale) : scale != 1) {
            throw new IllegalArgumentException(task.equals("super-resolve") ? "--scale must be 4 or 8, got " + scale
                    : "--scale is for --task super-resolve only");
        }
        if (mask != null && !task.equals("inpaint")) {
            throw new IllegalArgumentException("--mask is for --task inpaint only");
        }
        if (tiling != null && project != null) {
            throw new IllegalArgumentException("--project needs a curve of every iteration: not with --tile");
        }
    }

    /** Denoising the image with the paper's and the default recipe, all cores, seed 0, targets 30 / 32 dB. */
    public static RaceConfig of(Path image, Path reference, List<RacePath> paths, Path out) {
        return new RaceConfig("denoise", image, reference, paths, out, 0, Engine.defaultThreads(), null, List.of(30.0),
                List.of(32.0), null, DEFAULT_PROJECT_ITERATIONS, null, null, 1, null, null);
    }

    /** Another task: the scale goes to 4 for super-resolve and 1 otherwise, the mask is dropped. */
    public RaceConfig withTask(String v) { return new RaceConfig(v, image, reference, paths, out, seed, threads, maxIterations, outputTargets, averageTargets, project, projectIterations, netName, net, v.equals("super-resolve") ? 4 : 1, null, tiling); }

    /** Super-resolution by {@code factor} (4 or 8). */
    public RaceConfig withScale(int factor) { return new RaceConfig(task, image, reference, paths, out, seed, threads, maxIterations, outputTargets, averageTargets, project, projectIterations, netName, net, factor, mask, tiling); }

    /** Inpainting with this mask (null: the input's zero pixels are the missing ones). */
    public RaceConfig withMask(Path file) { return new RaceConfig(task, image, reference, paths, out, seed, threads, maxIterations, outputTargets, averageTargets, project, projectIterations, netName, net, scale, file, tiling); }

    public RaceConfig withThreads(int v) { return new RaceConfig(task, image, reference, paths, out, seed, v, maxIterations, outputTargets, averageTargets, project, projectIterations, netName, net, scale, mask, tiling); }

    public RaceConfig withSeed(long v) { return new RaceConfig(task, image, reference, paths, out, v, threads, maxIterations, outputTargets, averageTargets, project, projectIterations, netName, net, scale, mask, tiling); }

    public RaceConfig withMaxIterations(Integer v) { return new RaceConfig(task, image, reference, paths, out, seed, threads, v, outputTargets, averageTargets, project, projectIterations, netName, net, scale, mask, tiling); }

    public RaceConfig withTargets(List<Double> output, List<Double> average) { return new RaceConfig(task, image, reference, paths, out, seed, threads, maxIterations, output, average, project, projectIterations, netName, net, scale, mask, tiling); }

    public RaceConfig withProjection(RacePath path, int iterations) { return new RaceConfig(task, image, reference, paths, out, seed, threads, maxIterations, outputTargets, averageTargets, path, iterations, netName, net, scale, mask, tiling); }

    /** A net other than the recipe's, called {@code name} in the results (tests use a tiny one). */
    /** Every path in tiles (null: the whole image). */
    public RaceConfig withTiling(TiledRestorer.Tiling v) { return new RaceConfig(task, image, reference, paths, out, seed, threads, maxIterations, outputTargets, averageTargets, project, projectIterations, netName, net, scale, mask, v); }

    public RaceConfig withNet(String name, NetSpec spec) { return new RaceConfig(task, image, reference, paths, out, seed, threads, maxIterations, outputTargets, averageTargets, project, projectIterations, name, spec, scale, mask, tiling); }

    /**
     * The path whose curve a projected path takes: one with the same recipe that is fitted for real, {@code paper}
     * before {@code paper-bf16}.
     * @throws IllegalArgumentException when the race has none
     */
    static RacePath projectionSource(List<RacePath> paths, RacePath projected) {
        for (String precision : new String[] {null, "bf16"}) {
            RacePath p = new RacePath(projected.recipe(), precision);
            if (paths.contains(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--project " + projected.name() + " takes its curve from the " + projected.recipe()
                + " or " + projected.recipe() + "-bf16 path, and --paths has neither");
    }

    public RacePath projectionSource() { return project == null ? null : projectionSource(paths, project); }

    /** The paths in run order: a projected path right after its source. */
    List<RacePath> runOrder() {
        if (project == null) {
            return paths;
        }
        List<RacePath> order = new java.util.ArrayList<>(paths);
        order.remove(project);
        order.add(order.indexOf(projectionSource()) + 1, project);
        return order;
    }
}
