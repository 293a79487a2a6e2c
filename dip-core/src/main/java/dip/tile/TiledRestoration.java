package dip.tile;

import dip.engine.Workers;
import dip.image.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Restores an image of any size tile by tile (issue #14), independent of how one tile is restored: the per-tile
 * function (later the library's restorer, in tests a fake) gets each tile's {@link TileInput} and returns its
 * output, an image of the tile's output rectangle's size with the input's channels.
 *
 * <p>The tiles are taken in the plan's order. A tile the store already holds (finished by an earlier, stopped run)
 * is loaded, not restored again; every other tile is restored, saved to the store at once, then blended. Since the
 * store keeps tiles bit for bit and the blend order is fixed, a run resumed any number of times ends with exactly the
 * image an uninterrupted run gives. When the per-tile function throws (Ctrl-C, a diverged fit...) the exception
 * propagates: the tiles finished so far stay in the store, and the tile that was running may have left its
 * checkpoint at {@link TileInput#checkpoint()}.
 *
 * <p>Tiles may be restored several at once ({@link #run(TileSource, int, Function, TileStore, TileListener, int,
 * Runnable)}), on threads of their own; the image does not change with it.
 *
 * <p>Memory: the full input, the blender's two full-size buffers, and one tile's input, restoration and output per
 * tile restored at once (and the outputs finished ahead of a tile still running, until it is blended).
 */
public final class TiledRestoration {
    private TiledRestoration() {}

    /**
     * @param source         the input, its mask if any, the run's seed and the plan
     * @param restoreOneTile restores one tile
     * @param store          where finished tiles are kept (made for this source's plan, channels and seed), or null
     *                       to keep nothing (no resume)
     * @param listener       progress, per tile
     * @return the blended output, exactly the plan's output size
     * @throws TileMaskException        if a tile's part of the mask has no known pixel (before any tile is restored)
     * @throws IllegalArgumentException if the store was made for another plan, channel count or seed, or a tile's
     *                                  output has the wrong shape
     */
    public static Image run(TileSource source, Function<TileInput, Image> restoreOneTile, TileStore store,
                            TileListener listener) {
        return run(source, source.channels(), restoreOneTile, store, listener, System::nanoTime);
    }

    /**
     * As above, for a per-tile function whose outputs have {@code outputChannels} channels rather than the input's
     * (e.g. the output and the running average of a fit stacked as one image of twice the channels, so both are
     * blended and stored alike); the store must have been made with that channel count.
     */
    public static Image run(TileSource source, int outputChannels, Function<TileInput, Image> restoreOneTile, TileStore store,
                            TileListener listener) {
        return run(source, outputChannels, restoreOneTile, store, listener, System::nanoTime);
    }

    static Image run(TileSource source, Function<TileInput, Image> restoreOneTile, TileStore store,
                     TileListener listener, LongSupplier nanoClock) {
        return run(source, source.channels(), restoreOneTile, store, listener, nanoClock);
    }

    /**
     * As above, restoring up to {@code parallel} tiles at once, each on a thread of its own (the caller's and
     * {@code parallel − 1} more). The image is the same whatever {@code parallel} is, as long as a tile's
     * restoration does not depend on what else runs: the outputs are blended in the plan's order once every tile
     * before them is there, and each finished tile is saved at once. The listener's calls never overlap (they are
     * made one at a time) but may interleave between tiles: tile 2 may start before tile 1 finishes. When one tile's
     * restoration throws, no further tile starts, {@code onFailure} runs (to ask the tiles still running to stop),
     * and once they have ended the first exception propagates.
     *
     * @param onFailure run once, on the failing tile's thread, when a tile's restoration throws
     */
    public static Image run(TileSource source, int outputChannels, Function<TileInput, Image> restoreOneTile, TileStore store,
                            TileListener listener, int parallel, Runnable onFailure) {
        return run(source, outputChannels, restoreOneTile, store, listener, System::nanoTime, parallel, onFailure);
    }

    static Image run(TileSource source, int channels, Function<TileInput, Image> restoreOneTile, TileStore store,
                     TileListener listener, LongSupplier nanoClock) {
        return run(source, channels, restoreOneTile, store, listener, nanoClock, 1, () -> {});
    }

    static Image run(TileSource source, int channels, Function<TileInput, Image> restoreOneTile, TileStore store,
                     TileListener listener, LongSupplier nanoClock, int parallel, Runnable onFailure) {
        if (parallel < 1) {
            throw new IllegalArgumentException("tiles at once must be at least 1, got " + parallel);
        }
        TilePlan plan = source.plan();
        if (store != null) {
            TileManifest m = store.manifest();
            if (!store.plan().equals(plan) || m.channels() != channels || m.seed() != source.runSeed()) {
                throw new IllegalArgumentException("the tile store " + store.folder() + " was made for " + m.channels()
                        + " channels, seed " + m.seed() + " and " + store.plan() + ", not " + channels
                        + " channels, seed " + source.runSeed() + " and " + plan);
            }
        }
        List<Tile> unusable = source.tilesWithoutKnownPixels();
        if (!unusable.isEmpty()) {
            throw new TileMaskException(unusable, plan.count());
        }
        Run run = new Run(source, channels, restoreOneTile, store, listener, nanoClock, parallel, onFailure);
        return run.execute();
    }

    /** One run's shared state: the tiles to restore, those finished but not blended yet, and the first failure. */
    private static final class Run {
        private final TileSource source;
        private final TilePlan plan;
        private final int channels;
        private final Function<TileInput, Image> restoreOneTile;
        private final TileStore store;
        private final TileListener listener;
        private final LongSupplier nanoClock;
        private final int parallel;
        private final Runnable onFailure;
        private final boolean[] loadFromStore;
        private final List<Tile> toRestore = new ArrayList<>();
        private final TileBlender blender;
        private final Image[] finished;
        private final AtomicInteger next = new AtomicInteger();
        private volatile Workers workers;
        private int blended;
        private int restored;
        private double totalSeconds;

        Run(TileSource source, int channels, Function<TileInput, Image> restoreOneTile, TileStore store,
            TileListener listener, LongSupplier nanoClock, int parallel, Runnable onFailure) {
            this.source = source;
            this.plan = source.plan();
            this.channels = channels;
            this.restoreOneTile = restoreOneTile;
            this.store = store;
            this.listener = listener;
            this.nanoClock = nanoClock;
            this.parallel = parallel;
            this.onFailure = onFailure;
            this.loadFromStore = new boolean[plan.count()];
            for (Tile t : plan.tiles()) {
                loadFromStore[t.index()] = store != null && store.isDone(t);
                if (!loadFromStore[t.index()]) {
                    toRestore.add(t);
                }
            }
            this.blender = new TileBlender(plan, channels);
            this.finished = new Image[plan.count()];
        }

        Image execute() {
            synchronized (this) {
                listener.started(plan, plan.count() - toRestore.size());
                blendWhatIsReady();
            }
            int threads = Math.min(parallel, toRestore.size());
            workers = new Workers(onFailure);
            workers.start(threads - 1, "dip-tile", this::work);
            workers.runHere(this::work);
            workers.join();
            synchronized (this) {
                if (blended != plan.count()) {
                    throw new IllegalStateException("blended " + blended + " of " + plan.count() + " tiles");
                }
                return blender.result();
            }
        }

        /** Takes the next tile to restore until none is left or a tile failed. */
        private void work() {
            while (!workers.failed()) {
                int i = next.getAndIncrement();
                if (i >= toRestore.size()) {
                    return;
                }
                restore(toRestore.get(i));
            }
        }

        private void restore(Tile tile) {
            TileInput input = source.cut(tile);
            if (store != null) {
                input = input.withCheckpoint(store.checkpointFile(tile));
            }
            synchronized (this) {
                listener.tileStarted(input);
            }
            long start = nanoClock.getAsLong();
            Image output = restoreOneTile.apply(input);
            double seconds = (nanoClock.getAsLong() - start) / 1e9;
            if (output == null) {
                throw new IllegalStateException("the restoration of " + tile.describe(plan.count()) + " returned nothing");
            }
            plan.requireOutput(tile, channels, output);
            if (store != null) {
                store.save(tile, output);
            }
            synchronized (this) {
                restored++;
                totalSeconds += seconds;
                double perTile = totalSeconds / restored;
                int left = toRestore.size() - restored;
                // the tiles left run `parallel` at a time
                listener.tileFinished(new TileProgress(tile, plan.count(), restored, toRestore.size(), seconds, perTile,
                        perTile * left / Math.max(1, Math.min(parallel, left))));
                finished[tile.index()] = output;
                blendWhatIsReady();
            }
        }

        /** Blends, in the plan's order, every tile whose predecessors are all blended: loaded, or restored by now. */
        private void blendWhatIsReady() {
            List<Tile> tiles = plan.tiles();
            while (blended < tiles.size()) {
                Tile tile = tiles.get(blended);
                Image output;
                if (loadFromStore[tile.index()]) {
                    output = store.load(tile);
                    listener.tileSkipped(tile, plan.count());
                } else if (finished[tile.index()] != null) {
                    output = finished[tile.index()];
                    finished[tile.index()] = null;
                } else {
                    return;
                }
                blender.add(tile, output);
                blended++;
            }
        }
    }
}
