package dip.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiledRestorationTest {
    @TempDir
    Path dir;

    /** A fake restorer whose output depends on the tile's input and seed (so every tile's output is its own). */
    private static Image seededNoise(TileInput in) {
        Image out = in.image().copy();
        SplittableRandom rnd = new SplittableRandom(in.seed());
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * 0.9f + 0.1f * (float) rnd.nextDouble();
        }
        return out;
    }

    /** Records which tiles it was called for, then delegates. */
    private static final class Counting implements Function<TileInput, Image> {
        final List<Integer> calls = new ArrayList<>();
        final List<TileInput> inputs = new ArrayList<>();
        final Function<TileInput, Image> restore;

        Counting(Function<TileInput, Image> restore) {
            this.restore = restore;
        }

        @Override
        public Image apply(TileInput in) {
            calls.add(in.tile().number());
            inputs.add(in);
            return restore.apply(in);
        }
    }

    @Test
    void theIdentityRestorerGivesBackTheInputAndEachTileItsOwnInputAndSeed() {
        Image img = Fakes.random(3, 29, 41, 4);
        TilePlan plan = TilePlan.of(29, 41, 12, 3, 1);
        Counting identity = new Counting(TileInput::image);
        Image out = TiledRestoration.run(new TileSource(plan, img, null, 17), identity, null, TileListener.NONE);
        assertArrayEquals(img.data(), out.data());
        assertEquals(plan.count(), identity.calls.size());
        for (int k = 0; k < plan.count(); k++) {
            TileInput in = identity.inputs.get(k);
            Tile t = plan.tiles().get(k);
            assertEquals(t, in.tile());
            assertEquals(TileSeeds.seedFor(17, t), in.seed());
            assertEquals(img.crop(t.input().y(), t.input().x(), 12, 12), in.image());
            assertNull(in.checkpoint());
        }
    }

    @Test
    void superResolutionBlendsAtTheOutputScale() {
        Image lr = Fakes.random(3, 15, 22, 5);
        for (int f : new int[] {2, 4, 8}) {
            TilePlan plan = TilePlan.of(15, 22, 8, 3, f);
            Image out = TiledRestoration.run(new TileSource(plan, lr, null, 0), in -> Fakes.nearest(in.image(), f),
                    null, TileListener.NONE);
            assertEquals("3x" + 15 * f + "x" + 22 * f, out.shape());
            assertArrayEquals(Fakes.nearest(lr, f).data(), out.data());
        }
    }

    @Test
    void aResumedRunRedoesNoFinishedTileAndEndsBitForBitAsAnUninterruptedOne() throws IOException {
        Image img = Fakes.random(3, 30, 44, 6);
        Image mask = Mask50.of(30, 44);
        TilePlan plan = TilePlan.of(30, 44, 16, 4, 1); // 3×4 tiles, the last row and column end-aligned
        TileSource source = new TileSource(plan, img, mask, 3);
        TileManifest manifest = TileManifest.of(plan, 3, 3, "fake");

        Image uninterrupted = TiledRestoration.run(source, TiledRestorationTest::seededNoise,
                TileStore.create(dir.resolve("a.tiles"), manifest), TileListener.NONE);

        Path folder = dir.resolve("b.tiles");
        Counting failing = new Counting(in -> {
            if (in.tile().number() == 3) {
                try {
                    Files.writeString(in.checkpoint(), "half-fitted tile 3");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("interrupted");
            }
            return seededNoise(in);
        });
        assertThrows(IllegalStateException.class,
                () -> TiledRestoration.run(source, failing, TileStore.create(folder, manifest), TileListener.NONE));
        assertEquals(List.of(1, 2, 3), failing.calls);
        TileStore store = TileStore.resume(folder, manifest);
        assertEquals(2, store.doneCount());

        Counting resumed = new Counting(TiledRestorationTest::seededNoise);
        List<Integer> skipped = new ArrayList<>();
        List<String> checkpointsSeen = new ArrayList<>();
        Image out = TiledRestoration.run(source, in -> {
            if (Files.exists(in.checkpoint())) {
                checkpointsSeen.add(in.describe());
            }
            return resumed.apply(in);
        }, store, new TileListener() {
            @Override
            public void tileSkipped(Tile tile, int count) {
                skipped.add(tile.number());
            }
        });
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12), resumed.calls);
        assertEquals(List.of(1, 2), skipped);
        assertEquals(List.of(plan.tiles().get(2).describe(12)), checkpointsSeen, "tile 3 found its checkpoint");
        assertFalse(Files.exists(store.checkpointFile(plan.tiles().get(2))), "a saved tile's checkpoint is removed");
        assertEquals(uninterrupted.shape(), out.shape());
        for (int i = 0; i < out.data().length; i++) {
            assertEquals(Float.floatToRawIntBits(uninterrupted.data()[i]), Float.floatToRawIntBits(out.data()[i]), "float " + i);
        }
        assertTrue(out.equals(uninterrupted));
        assertTrue(!out.equals(TiledRestoration.run(new TileSource(plan, img, mask, 4), TiledRestorationTest::seededNoise,
                null, TileListener.NONE)), "the output depends on the seed");

        Counting nothingLeft = new Counting(TiledRestorationTest::seededNoise);
        assertEquals(uninterrupted, TiledRestoration.run(source, nothingLeft, store, TileListener.NONE));
        assertEquals(List.of(), nothingLeft.calls);
    }

    @Test
    void tilesRestoredSeveralAtOnceGiveTheImageOfOneAtATimeWithTheListenerCalledOneAtATime() throws Exception {
        Image img = Fakes.random(3, 30, 44, 7);
        TilePlan plan = TilePlan.of(30, 44, 16, 4, 1); // 12 tiles
        TileSource source = new TileSource(plan, img, null, 5);
        Image alone = TiledRestoration.run(source, TiledRestorationTest::seededNoise, null, TileListener.NONE);
        for (int parallel : new int[] {2, 3, 20}) {
            java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger mostInside = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger overlappingCalls = new java.util.concurrent.atomic.AtomicInteger();
            java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Integer> finished = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger inListener = new java.util.concurrent.atomic.AtomicInteger();
            TileListener checking = new TileListener() {
                private void call(Runnable r) {
                    if (inListener.incrementAndGet() > 1) {
                        overlappingCalls.incrementAndGet();
                    }
                    sleep(1);
                    r.run();
                    inListener.decrementAndGet();
                }

                @Override
                public void tileStarted(TileInput in) { call(() -> {}); }

                @Override
                public void tileFinished(TileProgress p) { call(() -> finished.add(p.tile().number())); }
            };
            int expected = Math.min(parallel, plan.count());
            // the first `expected` tiles wait for each other, so that they are inside at once whatever the scheduling
            java.util.concurrent.CountDownLatch allIn = new java.util.concurrent.CountDownLatch(expected);
            Image out = TiledRestoration.run(source, 3, in -> {
                threads.add(Thread.currentThread().getName());
                int now = inside.incrementAndGet();
                mostInside.accumulateAndGet(now, Math::max);
                allIn.countDown();
                try {
                    assertTrue(allIn.await(10, java.util.concurrent.TimeUnit.SECONDS), "tiles at once never met");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                sleep(20 - in.tile().index()); // later tiles finish sooner: outputs arrive out of order
                inside.decrementAndGet();
                return seededNoise(in);
            }, null, checking, parallel, () -> {});
            assertTrue(out.equals(alone), parallel + " at once");
            assertEquals(expected, mostInside.get(), "tiles restored at once with " + parallel);
            assertEquals(expected, threads.size());
            assertEquals(0, overlappingCalls.get(), "listener calls overlapped");
            assertEquals(plan.count(), finished.size());
        }
    }

    @Test
    void whenATileFailsNoFurtherTileStartsTheOthersAreAskedToStopAndTheFirstFailureIsThrown() throws IOException {
        Image img = Fakes.random(3, 30, 44, 8);
        TilePlan plan = TilePlan.of(30, 44, 16, 4, 1); // 12 tiles
        TileSource source = new TileSource(plan, img, null, 5);
        TileManifest manifest = TileManifest.of(plan, 3, 5, "fake");
        java.util.concurrent.CountDownLatch stopAsked = new java.util.concurrent.CountDownLatch(1);
        List<Integer> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        Path folder = dir.resolve("c.tiles");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TiledRestoration.run(source, 3, in -> {
            calls.add(in.tile().number());
            if (in.tile().number() == 2) {
                throw new IllegalStateException("tile 2 diverged");
            }
            if (in.tile().number() == 1) {
                try { // tile 1 runs on until it is asked to stop
                    assertTrue(stopAsked.await(10, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException x) {
                    throw new IllegalStateException(x);
                }
                throw new IllegalStateException("tile 1 stopped");
            }
            return seededNoise(in);
        }, TileStore.create(folder, manifest), TileListener.NONE, 2, stopAsked::countDown));
        assertEquals("tile 2 diverged", e.getMessage());
        assertEquals(List.of(1, 2), calls.stream().sorted().toList(), "no tile started after the failure");
        assertEquals(0, TileStore.resume(folder, manifest).doneCount());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A mask with every other pixel known. */
    private static final class Mask50 {
        static Image of(int h, int w) {
            Image m = Image.zeros(1, h, w);
            for (int y = 0; y < h; y++) {
                for (int x = (y & 1); x < w; x += 2) {
                    m.set(0, y, x, 1f);
                }
            }
            return m;
        }
    }

    @Test
    void aStoreOfAnotherPlanOrSeedIsRefused() {
        Image img = Fakes.random(1, 20, 20, 1);
        TilePlan plan = TilePlan.of(20, 20, 12, 4, 1);
        TileStore other = TileStore.create(dir.resolve("o.tiles"), TileManifest.of(TilePlan.of(20, 20, 12, 2, 1), 1, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> TiledRestoration.run(new TileSource(plan, img, null, 0),
                TileInput::image, other, TileListener.NONE));
        TileStore seed = TileStore.create(dir.resolve("s.tiles"), TileManifest.of(plan, 1, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> TiledRestoration.run(new TileSource(plan, img, null, 0),
                TileInput::image, seed, TileListener.NONE));
    }

    @Test
    void tilesWithoutAKnownPixelAreReportedBeforeAnyTileIsRestored() {
        TilePlan plan = TilePlan.of(10, 40, 8, 2, 1); // columns start 0, 6, 12, 18, 24, 30, 32
        Image mask = Image.zeros(1, 10, 40);
        for (int y = 0; y < 10; y++) {
            mask.set(0, y, 0, 1f);
            mask.set(0, y, 39, 1f);
        }
        Counting restore = new Counting(TileInput::image);
        TileMaskException e = assertThrows(TileMaskException.class, () -> TiledRestoration.run(
                new TileSource(plan, Image.zeros(3, 10, 40), mask, 0), restore, null, TileListener.NONE));
        assertEquals(List.of(), restore.calls);
        assertEquals(10, e.tiles().size());
        assertEquals("10 of 14 tiles have no known pixel in the mask, nothing to restore them from: tile 2/14 (rows 0–7"
                + " × cols 6–13), tile 3/14 (rows 0–7 × cols 12–19), tile 4/14 (rows 0–7 × cols 18–25) and 7 more;"
                + " use larger tiles", e.getMessage());
    }

    @Test
    void reportsEachTileWithItsTimeAndAnEtaFromTheTilesDoneSoFar() {
        TilePlan plan = TilePlan.of(20, 20, 12, 4, 1); // 2×2 tiles
        long[] now = {0};
        long[] perTile = {10_000_000_000L, 20_000_000_000L, 30_000_000_000L, 40_000_000_000L};
        List<TileProgress> progress = new ArrayList<>();
        List<String> events = new ArrayList<>();
        TiledRestoration.run(new TileSource(plan, Fakes.random(1, 20, 20, 1), null, 0), in -> {
            now[0] += perTile[in.tile().index()];
            return in.image();
        }, null, new TileListener() {
            @Override
            public void started(TilePlan p, int alreadyDone) {
                events.add("started " + p.count() + " " + alreadyDone);
            }

            @Override
            public void tileStarted(TileInput input) {
                events.add("start " + input.tile().number());
            }

            @Override
            public void tileFinished(TileProgress p) {
                events.add("done " + p.tile().number());
                progress.add(p);
            }
        }, () -> now[0]);
        assertEquals(List.of("started 4 0", "start 1", "done 1", "start 2", "done 2", "start 3", "done 3", "start 4",
                "done 4"), events);
        assertEquals(10.0, progress.get(0).seconds(), 1e-9);
        assertEquals(30.0, progress.get(0).etaSeconds(), 1e-9);
        assertEquals(15.0, progress.get(1).secondsPerTile(), 1e-9);
        assertEquals(30.0, progress.get(1).etaSeconds(), 1e-9);
        assertEquals(0.0, progress.get(3).etaSeconds(), 1e-9);
        assertEquals("tile 1/4 restored in 10.0 s (1 of 4 to do, 10.0 s per tile, about 30 s left)",
                progress.get(0).describe());
        assertEquals("tile 4/4 restored in 40.0 s (4 of 4 to do, 25.0 s per tile)", progress.get(3).describe());
        assertEquals("4 min 46 s", TileProgress.duration(286));
        assertEquals("2 h 05 min", TileProgress.duration(7500));
    }

    @Test
    void aRestorerReturningTheWrongShapeIsCaught() {
        TilePlan plan = TilePlan.of(20, 20, 12, 4, 2);
        TileSource source = new TileSource(plan, Fakes.random(3, 20, 20, 1), null, 0);
        assertEquals("tile 1/4 (rows 0–11 × cols 0–11) output is 3x12x12, expected 3x24x24",
                assertThrows(IllegalArgumentException.class,
                        () -> TiledRestoration.run(source, TileInput::image, null, TileListener.NONE)).getMessage());
        assertThrows(IllegalStateException.class, () -> TiledRestoration.run(source, in -> null, null, TileListener.NONE));
    }
}
