package dip.tile;

import dip.image.Image;
import java.util.List;
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
 * <p>Memory: the full input, the blender's two full-size buffers, and one tile's input, restoration and output at a
 * time.
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

    static Image run(TileSource source, int channels, Function<TileInput, Image> restoreOneTile, TileStore store,
                     TileListener listener, LongSupplier nanoClock) {
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
        int alreadyDone = store == null ? 0 : store.doneCount();
        int toRestore = plan.count() - alreadyDone;
        listener.started(plan, alreadyDone);
        TileBlender blender = new TileBlender(plan, channels);
        int restored = 0;
        double totalSeconds = 0;
        for (Tile tile : plan.tiles()) {
            Image output;
            if (store != null && store.isDone(tile)) {
                output = store.load(tile);
                listener.tileSkipped(tile, plan.count());
            } else {
                TileInput input = source.cut(tile);
                if (store != null) {
                    input = input.withCheckpoint(store.checkpointFile(tile));
                }
                listener.tileStarted(input);
                long start = nanoClock.getAsLong();
                output = restoreOneTile.apply(input);
                double seconds = (nanoClock.getAsLong() - start) / 1e9;
                if (output == null) {
                    throw new IllegalStateException("the restoration of " + tile.describe(plan.count())
                            + " returned nothing");
                }
                plan.requireOutput(tile, channels, output);
                if (store != null) {
                    store.save(tile, output);
                }
                restored++;
                totalSeconds += seconds;
                double perTile = totalSeconds / restored;
                listener.tileFinished(new TileProgress(tile, plan.count(), restored, toRestore, seconds, perTile,
                        perTile * (toRestore - restored)));
            }
            blender.add(tile, output);
        }
        return blender.result();
    }
}
