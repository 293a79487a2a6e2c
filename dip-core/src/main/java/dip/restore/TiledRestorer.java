package dip.restore;

import dip.engine.Engine;
import dip.engine.Owner;
import dip.engine.Scope;
import dip.engine.Workers;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.image.Image;
import dip.metric.Protocol;
import dip.net.Net;
import dip.prior.DeepPrior;
import dip.task.TaskSpec;
import dip.tile.SeamBands;
import dip.tile.Tile;
import dip.tile.TileInput;
import dip.tile.TileListener;
import dip.tile.TileManifest;
import dip.tile.TilePlan;
import dip.tile.TileSource;
import dip.tile.TileStore;
import dip.tile.TiledRestoration;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Function;

/**
 * A restoration of an image of any size, tile by tile, in bounded memory: the image (for super-resolution the
 * low-resolution input) is cut into overlapping tiles ({@link TilePlan}), each tile is restored by an ordinary
 * {@link Restorer} with the config's settings (its own stop rule, its own checkpoint, a seed derived from the
 * config's seed and the tile's position), and the outputs and running averages are blended with raised-cosine
 * weights at the output scale ({@link dip.tile.TileBlender}).
 *
 * <p>The degradation a config simulates (noise added, pixels dropped) is applied once to the whole image, with the
 * config's seed, before it is cut, so a tiled and a whole-image run see the same observation. Finished tiles are
 * kept in a {@link TileStore} (output and average, float32, bit for bit), so a stopped run resumes without redoing
 * them, and ends with the same pixels as an uninterrupted one. Memory: one tile's fit per tile fitted at once
 * ({@link #tilesAtOnce()}) plus a few full-size float buffers (the input, the observation, the blended output and
 * average, the weights).
 */
public final class TiledRestorer {
    /** The tiling: tile side and overlap in input pixels (the low-resolution input's, for super-resolution). */
    public record Tiling(int tile, int overlap) {
        public Tiling {
            if (tile < 2 || overlap < 0 || 2 * overlap > tile) {
                throw new IllegalArgumentException("a tile must be at least 2 pixels and overlap at most half of it, got tile "
                        + tile + ", overlap " + overlap);
            }
        }

        /** Tiles of {@code tile} pixels overlapping by {@code overlap}, or by tile / 8 where it is null (--overlap's default). */
        public static Tiling of(int tile, Integer overlap) {
            return new Tiling(tile, overlap != null ? overlap : tile / 8);
        }
    }

    /**
     * How the tiling went, for the provenance: the plan and the sums over the tiles.
     * @param seams the quality near the seams against the reference (null without one)
     * @param divergedTiles tiles whose fit diverged, did not come back and ended with its best state
     */
    public record Summary(int tile, int overlap, int tiles, int rows, int cols, int resumedTiles, int iterations,
                          int backtracks, int autoStopped, Seams seams, int divergedTiles) {}

    /**
     * The PSNR (dB, under the task's protocol) of the output and the average against the reference inside the bands
     * of ±halfWidth output pixels around the seams ({@link SeamBands}) and away from them: a visible seam lowers the
     * band's figure. A figure is null where the protocol measures no pixel of its region (the band of a plan of one
     * tile is empty: no seams).
     *
     * @param halfWidth    the band's half-width, in output pixels
     * @param seams        the number of seams (tile rows − 1 + tile columns − 1)
     * @param bandFraction the share of the output's pixels in the band
     */
    public record Seams(int halfWidth, int seams, double bandFraction, Double outputBand, Double outputAway,
                        Double averageBand, Double averageAway) {
        /** The seams of {@code plan} with bands of {@code halfWidth}, output and average scored against {@code reference}. */
        public static Seams of(TilePlan plan, int halfWidth, Protocol protocol, Image output, Image average, Image reference) {
            SeamBands bands = SeamBands.of(plan, halfWidth);
            SeamBands.Psnrs o = bands.psnr(protocol, output, reference);
            SeamBands.Psnrs a = bands.psnr(protocol, average, reference);
            return new Seams(halfWidth, bands.seams(), bands.bandFraction(), orNull(o.band()), orNull(o.away()),
                    orNull(a.band()), orNull(a.away()));
        }

        private static Double orNull(double db) { return Double.isNaN(db) ? null : db; }

        /**
         * "seam band (±8 px around 3 seams, 41.2% of the pixels): output 30.12 dB, away 30.20 dB; average 32.01 / 32.10 dB",
         * or "seams: none (one tile)".
         */
        public String describe() {
            if (seams == 0) {
                return "seams: none (one tile)";
            }
            return String.format(Locale.ROOT, "seam band (±%d px around %d seam%s, %.1f%% of the pixels): output %s, away %s; "
                    + "average %s / %s", halfWidth, seams, seams == 1 ? "" : "s", 100 * bandFraction, db(outputBand), db(outputAway),
                    db(averageBand), db(averageAway));
        }

        private static String db(Double v) {
            return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f dB", v);
        }
    }

    private final RestoreConfig config;
    private final Tiling tiling;
    private final TilePlan plan;
    private final Image observation;
    private final Image mask;
    private final java.util.Set<Restorer> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;
    private int tilesAtOnce;
    private long tileFitBytes = -1;

    /**
     * @param config the whole image's restoration; its checkpoint interval applies to every tile, its checkpoint
     *               file and resume file do not (each tile has its own, in the store)
     */
    public TiledRestorer(RestoreConfig config, Tiling tiling) {
        this.config = config;
        this.tiling = tiling;
        TaskSpec t = config.task();
        this.observation = t.observation(config.seed());
        this.mask = t.mask(config.seed());
        this.plan = TilePlan.of(observation.height(), observation.width(), tiling.tile(), tiling.overlap(), t.factor());
        this.tilesAtOnce = Workers.mostAtOnce(config.threads(), plan.count());
    }

    /**
     * The threads each tile's fit computes on ({@link Workers#threadsPerFit}): 1 when the config has several threads
     * and the plan several tiles (the tiles then run {@link #tilesAtOnce()} at a time), else the config's threads. At
     * 256², bf16, an Intel Xeon with AMX, two one-thread fits do 4.9 + 4.9 iterations per second against one two-thread
     * fit's 6.0 (docs/TILES.md). It depends only on the config and the plan, so a tile's pixels are the same in a run
     * that was resumed, in one that ran fewer tiles at once, and on a cluster ({@link #restoreTile(int, FitListener)}).
     */
    public int tileThreads() {
        return Workers.threadsPerFit(config.threads(), plan.count());
    }

    /** How many tiles {@link #run} restores at once: the config's threads (at most the tiles) unless set lower. */
    public int tilesAtOnce() { return tilesAtOnce; }

    /**
     * Restores at most {@code n} tiles at once (at least 1; no more than the default), e.g. where the memory holds
     * fewer fits. The pixels do not change with it; each fit still computes on {@link #tileThreads()}.
     */
    public TiledRestorer withTilesAtOnce(int n) {
        this.tilesAtOnce = Math.max(1, Math.min(n, Workers.mostAtOnce(config.threads(), plan.count())));
        return this;
    }

    /** The tiles. */
    public TilePlan plan() { return plan; }

    /** The config of the whole image. */
    public RestoreConfig config() { return config; }

    /**
     * The resident memory of {@link #tilesAtOnce()} tile fits, in bytes, plus the full-size buffers (see
     * {@link DeepPrior#estimatedBytes()}): the bound a tiled run stays under.
     */
    public long estimatedBytes() {
        return estimatedBytes(tilesAtOnce);
    }

    /** As {@link #estimatedBytes()}, for {@code fits} tiles restored at once. */
    public long estimatedBytes(int fits) {
        long fullSize = 4L * config.task().outputChannels() * plan.outputHeight() * plan.outputWidth();
        // The input, the observation and the reference; the blender's stacked output+average and weights, the split
        // output and average, and the PNG encoder's copies: 8 output-sized sets of planes. Measured on a 16.4 MP photo with
        // 512-px tiles (bf16): peak RSS 4.2 GiB, where 5 such sets estimated 3.5 GiB.
        long buffers = 4L * observation.channels() * observation.height() * observation.width() * 3 + fullSize * 8;
        return fits * tileFitBytes() + buffers;
    }

    /** One tile's fit memory, estimated once (it builds the net to count its activations; callers ask per count of fits). */
    private synchronized long tileFitBytes() {
        if (tileFitBytes < 0) {
            int f = config.task().factor();
            tileFitBytes = withFitSize(config, bytes -> bytes.applyAsLong(plan.tileHeight() * f, plan.tileWidth() * f));
        }
        return tileFitBytes;
    }

    /**
     * The memory a whole-image (untiled) fit of {@code config} needs, in bytes, estimated without building it, so
     * a caller can decide to tile first.
     */
    public static long estimatedWholeBytes(RestoreConfig config) {
        TaskSpec t = config.task();
        return withFitSize(config, bytes -> bytes.applyAsLong(t.outputHeight(), t.outputWidth()));
    }

    /**
     * The largest tile (a multiple of 64 input pixels, at least 64) whose fit needs at most {@code budget} bytes, for
     * a run that would not fit whole; its overlap is an eighth of it. Null when not even a 64-pixel tile fits.
     */
    public static Tiling tilingWithin(RestoreConfig config, long budget) {
        int factor = config.task().factor();
        int longest = Math.max(config.task().image().height(), config.task().image().width());
        return withFitSize(config, bytes -> {
            if (bytes.applyAsLong(64 * factor, 64 * factor) > budget) {
                return null;
            }
            int side = 64;
            while (side < longest && bytes.applyAsLong((side + 64) * factor, (side + 64) * factor) <= budget) {
                side += 64;
            }
            return new Tiling(side, side / 8);
        });
    }

    /** The memory a fit needs, in bytes, for an output of {@code height} × {@code width} pixels. */
    @FunctionalInterface
    private interface FitBytes {
        long applyAsLong(int height, int width);
    }

    /**
     * {@code use} applied to the fit-memory estimate of {@code config} as a function of the output size
     * ({@link DeepPrior#estimatedBytes(Net, long, long, dip.engine.Precision)}): the net is built once, only to count
     * its activations, and freed when {@code use} returns.
     */
    private static <T> T withFitSize(RestoreConfig config, Function<FitBytes, T> use) {
        if (config.prior() != PriorKind.DIP) {
            return use.apply((h, w) -> (500L << 20) + 64L * h * w);
        }
        Engine.init(config.threads());
        try (Owner owner = new Owner(); Scope temporaries = new Scope()) {
            Net net = config.net().build(config.task().outputChannels());
            return use.apply((h, w) -> DeepPrior.estimatedBytes(net, DeepPrior.canvasSide(net, h), DeepPrior.canvasSide(net, w),
                    config.precision()));
        }
    }

    /** Asks the tiles being restored to stop after their current iteration, and the run to end there (thread-safe). */
    public void requestStop() {
        stopRequested = true;
        for (Restorer r : running) {
            r.requestStop();
        }
    }

    /** Thrown when a run was stopped by {@link #requestStop()}: the finished tiles and the current tile's checkpoint are kept. */
    public static final class StoppedException extends RuntimeException {
        private final Tile tile;

        StoppedException(Tile tile, int count) {
            super("stopped during " + tile.describe(count));
            this.tile = tile;
        }

        /** The tile that was running. */
        public Tile tile() { return tile; }
    }

    /**
     * Restores every tile not in the store yet and blends them.
     * @param store  where finished tiles are kept (made with {@link #manifest}), or null to keep none
     * @param tiles  progress per tile
     * @param fits   a listener for each tile's fit (called with the tile's input), e.g. a progress bar
     * @return the blended output and average, with the provenance of the whole run (its tiling included)
     * @throws StoppedException after {@link #requestStop()}
     * @throws dip.tile.TileMaskException when a tile's part of the mask has no known pixel (before any tile is fitted)
     */
    public Restoration run(TileStore store, TileListener tiles, Function<TileInput, FitListener> fits) {
        long start = System.nanoTime();
        int channels = config.task().outputChannels();
        int resumed = store == null ? 0 : store.doneCount();
        int[] sums = new int[4]; // iterations, roll-backs, automatic stops, ends at the best state of the tiles fitted in this run
        Provenance[] lastTile = new Provenance[1];
        TileSource source = new TileSource(plan, observation, mask, config.seed());
        Image stacked = TiledRestoration.run(source, 2 * channels, in -> {
            Restoration r = restoreTile(in, fits.apply(in));
            synchronized (sums) {
                sums[0] += r.fit().iterations();
                sums[1] += r.fit().backtracks();
                sums[2] += r.fit().autoStopped() ? 1 : 0;
                sums[3] += r.fit().divergedEnd() ? 1 : 0;
                lastTile[0] = r.provenance();
            }
            return stack(r.output(), r.average());
        }, store, tiles, tilesAtOnce, this::requestStop);
        return finish(stacked, sums, lastTile[0], resumed, (System.nanoTime() - start) / 1e9);
    }

    private Restoration finish(Image stacked, int[] sums, Provenance lastTile, int resumed, double seconds) {
        int channels = config.task().outputChannels();
        Image output = channelsOf(stacked, 0, channels);
        Image average = channelsOf(stacked, channels, channels);
        FitResult fit = new FitResult(output, average, sums[0], sums[1], seconds, false, sums[0], false, 0, 0);
        Image reference = config.reference();
        Seams seams = reference == null ? null : Seams.of(plan, SeamBands.DEFAULT_HALF_WIDTH, config.task().protocol(), output,
                average, reference);
        Summary summary = new Summary(tiling.tile(), tiling.overlap(), plan.count(), plan.rows(), plan.cols(), resumed,
                sums[0], sums[1], sums[2], seams, sums[3]);
        return new Restoration(output, average, fit, provenance(lastTile, summary, output, average, seconds));
    }

    /**
     * One tile restored on its own (e.g. on another machine), as {@link #run} restores it: its output and running
     * average stacked as one image of twice the output channels (what is blended), and its fit's counters.
     *
     * @param index      the tile's index in the plan
     * @param stacked    output channels, then average channels, at the tile's output rectangle's size
     * @param provenance the tile's own fit (its settings as used, its counters)
     */
    public record TileResult(int index, Image stacked, Provenance provenance) {}

    /**
     * Restores the tile {@code index} of the plan alone (no store, no checkpoint), with its seed from its position:
     * the pixels {@link #run} gives that tile. With {@link #blend} this spreads one image's tiles over many machines.
     * @throws dip.tile.TileMaskException when the tile's part of the mask has no known pixel
     */
    public TileResult restoreTile(int index, FitListener listener) {
        Tile tile = plan.tiles().get(index);
        TileSource source = new TileSource(plan, observation, mask, config.seed());
        if (mask != null && !TileSource.hasKnownPixel(source.cut(tile).mask())) {
            throw new dip.tile.TileMaskException(java.util.List.of(tile), plan.count());
        }
        Restoration r = restoreTile(source.cut(tile), listener);
        return new TileResult(index, stack(r.output(), r.average()), r.provenance());
    }

    /**
     * The whole image from every tile's {@link #restoreTile(int, FitListener) result} (any order), blended in the
     * plan's order as {@link #run} blends them, with the provenance of the whole run.
     * @param seconds the wall time to record
     */
    public Restoration blend(java.util.List<TileResult> tiles, double seconds) {
        TileResult[] byIndex = new TileResult[plan.count()];
        tiles.forEach(t -> byIndex[t.index()] = t);
        dip.tile.TileBlender blender = new dip.tile.TileBlender(plan, 2 * config.task().outputChannels());
        int[] sums = new int[4];
        for (Tile t : plan.tiles()) {
            TileResult r = byIndex[t.index()];
            if (r == null) {
                throw new IllegalArgumentException(t.describe(plan.count()) + " is missing");
            }
            blender.add(t, r.stacked());
            Provenance.Result f = r.provenance().result();
            sums[0] += f.iterations();
            sums[1] += f.backtracks();
            sums[2] += "auto".equals(f.stoppedBy()) ? 1 : 0;
            sums[3] += f.endedWithStateOf() != null ? 1 : 0;
        }
        return finish(blender.result(), sums, byIndex[plan.count() - 1].provenance(), 0, seconds);
    }

    /** The store's manifest for this run: the plan, the seed, and a hash of the observation, mask and settings. */
    public TileManifest manifest() {
        Image[] images = mask == null ? new Image[] {observation} : new Image[] {observation, mask};
        return TileManifest.of(plan, 2 * config.task().outputChannels(), config.seed(),
                TileManifest.hashOf(settingsKey(), images));
    }

    /** Everything in the config that changes a tile's pixels, as text (hashed into the store's manifest). */
    private String settingsKey() {
        RestoreConfig c = config;
        return String.join(";", c.task().kind().key(), "factor=" + c.task().factor(), "iterations=" + c.iterations(),
                "lr=" + c.lr(), "regNoise=" + c.regNoise(), "averageDecay=" + c.averageDecay(), "backtrack=" + c.backtrackDb(),
                "threads=" + c.threads(), "precision=" + c.precision().label(), "prior=" + c.prior().key(),
                "tv=" + c.tvWeight(), "net=" + c.net(), "stop=" + c.stop())
                + (c.regNoiseWarmup() == 0 ? "" : ";warmup=" + c.regNoiseWarmup())
                + (c.lrSchedule() == dip.fit.LrSchedule.CONSTANT ? "" : ";schedule=" + c.lrSchedule().key()) // stores made before
                + (c.runs() == 1 ? "" : ";runs=" + c.runs()) // schedules and runs stay valid
                // a tile fitted on fewer threads than the run's has other last bits: stores from before stay valid
                // only where the tiles compute on the run's threads, as they all did then
                + (tileThreads() == c.threads() ? "" : ";tileThreads=" + tileThreads());
    }

    private Restoration restoreTile(TileInput in, FitListener listener) {
        TaskSpec whole = config.task();
        TaskSpec spec = new TaskSpec(whole.kind(), in.image(), whole.factor(), in.mask(), 0, 0);
        Tile t = in.tile();
        Image reference = config.reference() == null ? null : config.reference().crop(t.output().y(), t.output().x(),
                t.output().height(), t.output().width());
        RestoreConfig.Builder b = config.toBuilder().task(spec).seed(in.seed()).reference(reference).resume(null)
                .threads(tileThreads()).checkpoints(in.checkpoint(), in.checkpoint() == null ? 0 : config.checkpointEvery());
        if (in.checkpoint() != null && Files.exists(in.checkpoint())) {
            b.resume(in.checkpoint());
        }
        if (stopRequested) {
            throw new StoppedException(t, plan.count());
        }
        try (Restorer r = new Restorer(b.build())) {
            running.add(r);
            try {
                if (stopRequested) {
                    r.requestStop();
                }
                Restoration result = r.run(listener);
                if (result.stopped()) {
                    throw new StoppedException(t, plan.count());
                }
                return result;
            } finally {
                running.remove(r);
            }
        }
    }

    private Provenance provenance(Provenance tile, Summary summary, Image output, Image average, double seconds) {
        RestoreConfig c = config;
        Provenance.Settings s = tile == null ? null : tile.settings();
        return new Provenance(Provenance.FORMAT, tile != null ? tile.software() : Provenance.Software.current(),
                Provenance.Task.of(c.task()), c.inputs(),
                Provenance.Settings.of(c, s == null ? c.precision().label() : s.precision(), summary.resumedTiles() > 0),
                tile != null ? tile.run() : null,
                Provenance.Result.scored(summary.iterations(), summary.iterations(), "tiles", summary.backtracks(), seconds,
                        c.task().protocol(), observation, output, average, c.reference()),
                null, summary);
    }

    /** a's channels, then b's: one image, so that output and average are stored and blended alike. */
    static Image stack(Image a, Image b) {
        float[] d = new float[a.data().length + b.data().length];
        System.arraycopy(a.data(), 0, d, 0, a.data().length);
        System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
        return new Image(a.channels() + b.channels(), a.height(), a.width(), d);
    }

    /** {@code count} channels of {@code img} from {@code first}. */
    static Image channelsOf(Image img, int first, int count) {
        int plane = img.height() * img.width();
        float[] d = new float[count * plane];
        System.arraycopy(img.data(), first * plane, d, 0, count * plane);
        return new Image(count, img.height(), img.width(), d);
    }
}
