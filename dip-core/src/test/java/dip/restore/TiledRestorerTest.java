package dip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.fit.FitListener;
import dip.image.Image;
import dip.metric.Protocol;
import dip.metric.Psnr;
import dip.task.TaskSpec;
import dip.tile.SeamBands;
import dip.tile.TileInput;
import dip.tile.TileListener;
import dip.tile.TileMaskException;
import dip.tile.TilePlan;
import dip.tile.TileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real (tiny) fits tile by tile: sizes, provenance, stop and resume bit for bit, masks. */
class TiledRestorerTest {
    @TempDir
    Path dir;

    private static RestoreConfig.Builder tiny(TaskSpec spec) {
        return RestoreConfig.builder(spec).iterations(6).net(Tiny.NET).threads(1).seed(3).stop(StopRule.fixed());
    }

    /** Counts the tiles fitted, and stops the run at the given iteration of the given tile (1-based; 0: never). */
    private static final class Recorder implements TileListener {
        final List<Integer> fitted = new ArrayList<>();
        TiledRestorer restorer;
        int stopTile;
        int stopIteration;

        @Override
        public void tileStarted(TileInput in) { fitted.add(in.tile().number()); }

        FitListener fits(TileInput in) {
            return p -> {
                if (in.tile().number() == stopTile && p.iteration() == stopIteration) {
                    restorer.requestStop();
                }
            };
        }
    }

    private static Restoration run(TiledRestorer r, TileStore store, Recorder rec) {
        rec.restorer = r;
        return r.run(store, rec, rec::fits);
    }

    @Test
    void aStoppedRunResumesWithoutRedoingTilesAndEndsBitForBitAsAnUninterruptedOne() {
        Image noisy = Tiny.scene(3, 40, 2);
        RestoreConfig config = tiny(TaskSpec.denoise(noisy).withAddedNoise(0.1)).checkpoints(null, 0).build();
        TiledRestorer.Tiling tiling = new TiledRestorer.Tiling(16, 4);

        Recorder straight = new Recorder();
        TiledRestorer whole = new TiledRestorer(config, tiling);
        Restoration uninterrupted = run(whole, TileStore.create(dir.resolve("a.tiles"), whole.manifest()), straight);
        assertEquals(9, whole.plan().count());
        assertEquals(9, straight.fitted.size());

        TiledRestorer first = new TiledRestorer(config, tiling);
        Path folder = dir.resolve("b.tiles");
        Recorder stopped = new Recorder();
        stopped.stopTile = 4;
        stopped.stopIteration = 3;
        TiledRestorer.StoppedException e = assertThrows(TiledRestorer.StoppedException.class,
                () -> run(first, TileStore.create(folder, first.manifest()), stopped));
        assertEquals(4, e.tile().number());
        TiledRestorer second = new TiledRestorer(config, tiling);
        TileStore resumed = TileStore.resume(folder, second.manifest());
        assertEquals(3, resumed.doneCount());
        assertTrue(Files.exists(resumed.checkpointFile(second.plan().tiles().get(3))), "tile 4 left its checkpoint");
        Recorder rest = new Recorder();
        Restoration result = run(second, resumed, rest);
        assertEquals(List.of(4, 5, 6, 7, 8, 9), rest.fitted);
        assertArrayEquals(uninterrupted.output().data(), result.output().data());
        assertArrayEquals(uninterrupted.average().data(), result.average().data());
        assertEquals(3, result.provenance().tiling().resumedTiles());
    }

    /**
     * With two threads the tiles are fitted two at a time, each on one thread: the pixels are those of a run on one
     * thread (and of one tile at a time), also when the run was stopped and resumed.
     */
    @Test
    void twoThreadsFitTwoTilesAtOnceOnOneThreadEachWithThePixelsOfOneThread() {
        Image noisy = Tiny.scene(3, 40, 2);
        RestoreConfig one = tiny(TaskSpec.denoise(noisy).withAddedNoise(0.1)).checkpoints(null, 0).build();
        RestoreConfig two = one.toBuilder().threads(2).build();
        TiledRestorer.Tiling tiling = new TiledRestorer.Tiling(16, 4);

        TiledRestorer single = new TiledRestorer(one, tiling);
        assertEquals(1, single.tilesAtOnce());
        Restoration reference = run(single, null, new Recorder());

        TiledRestorer pair = new TiledRestorer(two, tiling);
        assertEquals(1, pair.tileThreads());
        assertEquals(2, pair.tilesAtOnce());
        assertEquals(2 * single.estimatedBytes() - single.estimatedBytes(0), pair.estimatedBytes(), "two fits' memory");
        Recorder all = new Recorder();
        Restoration together = run(pair, null, all);
        assertEquals(9, all.fitted.size());
        assertArrayEquals(reference.output().data(), together.output().data());
        assertArrayEquals(reference.average().data(), together.average().data());
        assertEquals(2, together.provenance().settings().threads(), "the run's threads are recorded as asked");

        Restoration inTurn = run(new TiledRestorer(two, tiling).withTilesAtOnce(1), null, new Recorder());
        assertArrayEquals(reference.output().data(), inTurn.output().data());

        TiledRestorer first = new TiledRestorer(two, tiling);
        Path folder = dir.resolve("two.tiles");
        Recorder stopped = new Recorder();
        stopped.stopTile = 4;
        stopped.stopIteration = 3;
        assertThrows(TiledRestorer.StoppedException.class, () -> run(first, TileStore.create(folder, first.manifest()), stopped));
        TiledRestorer second = new TiledRestorer(two, tiling);
        TileStore resumed = TileStore.resume(folder, second.manifest());
        assertTrue(resumed.doneCount() < 9);
        Restoration result = run(second, resumed, new Recorder());
        assertArrayEquals(reference.output().data(), result.output().data());
        assertArrayEquals(reference.average().data(), result.average().data());
        assertFalse(single.manifest().equals(pair.manifest()), "a store of tiles fitted on two threads each is not resumed");

        TiledRestorer lone = new TiledRestorer(two, new TiledRestorer.Tiling(48, 4)); // one tile: it takes both threads
        assertEquals(1, lone.plan().count());
        assertEquals(2, lone.tileThreads());
        assertEquals(1, lone.tilesAtOnce());
    }

    /** The store's manifest hashes the settings: the same run (a custom net included) gets the same manifest in another JVM. */
    @Test
    void theManifestOfTheSameRunIsTheSame() {
        Image noisy = Tiny.scene(3, 40, 2);
        TiledRestorer.Tiling tiling = new TiledRestorer.Tiling(16, 4);
        TiledRestorer a = new TiledRestorer(tiny(TaskSpec.denoise(noisy)).build(), tiling);
        TiledRestorer b = new TiledRestorer(tiny(TaskSpec.denoise(noisy.copy())).net(NetSpec.skip(
                dip.net.SkipConfig.defaults(8, 3).withChannels(new int[] {8, 8}, new int[] {8, 8}, new int[] {2, 2}))).build(), tiling);
        assertEquals(a.manifest(), b.manifest());
        TiledRestorer c = new TiledRestorer(tiny(TaskSpec.denoise(noisy)).lr(0.02).build(), tiling);
        assertFalse(a.manifest().equals(c.manifest()));
    }

    /** Automatic tiling: the largest multiple of 64 whose fit fits the budget; none when not even 64 pixels do. */
    @Test
    void theAutomaticTileIsTheLargestThatFitsTheBudget() {
        RestoreConfig c = tiny(TaskSpec.denoise(Tiny.scene(3, 300, 1))).build();
        assertEquals(null, TiledRestorer.tilingWithin(c, 100L << 20)); // under the fixed 500 MiB of any fit
        TiledRestorer.Tiling all = TiledRestorer.tilingWithin(c, Long.MAX_VALUE);
        assertEquals(new TiledRestorer.Tiling(320, 40), all); // grows until a tile covers the image
        TiledRestorer.Tiling t = TiledRestorer.tilingWithin(c, TiledRestorer.estimatedWholeBytes(c) - 1);
        assertEquals(256, t.tile()); // a 320-pixel tile would need more than the whole 300-pixel image
    }

    @Test
    void theResultHasTheOutputSizeAndItsProvenanceRecordsTheTiling() {
        Image clean = Tiny.scene(3, 37, 4);
        RestoreConfig config = tiny(TaskSpec.denoise(clean).withAddedNoise(0.1)).reference(clean).iterations(40).build();
        TiledRestorer r = new TiledRestorer(config, new TiledRestorer.Tiling(24, 6));
        Restoration result = run(r, null, new Recorder());
        assertTrue(result.output().sameShape(clean) && result.average().sameShape(clean));
        TiledRestorer.Summary s = result.provenance().tiling();
        assertEquals(4, s.tiles()); // 37 = tiles at 0 and 13 (end-aligned), overlapping by 11 ≥ 6
        assertEquals(2, s.rows());
        assertEquals(160, s.iterations());
        assertEquals("tiles", result.provenance().result().stoppedBy());
        double noisy = Psnr.psnr(config.task().observation(config.seed()), clean);
        assertTrue(result.provenance().result().outputScores().psnr() > noisy,
                "tiled output " + result.provenance().result().outputScores().psnr() + " dB vs noisy " + noisy);
        TiledRestorer.Seams seams = s.seams();
        assertEquals(8, seams.halfWidth());
        assertEquals(2, seams.seams()); // one between the rows, one between the columns
        SeamBands.Psnrs output = SeamBands.of(r.plan(), 8).psnr(Protocol.RGB, result.output(), clean);
        assertEquals(output.band(), seams.outputBand());
        assertEquals(output.away(), seams.outputAway());
        assertTrue(seams.describe().startsWith("seam band (±8 px around 2 seams, "), seams.describe());
        assertTrue(Provenance.fromJson(result.provenance().toJson()).tiling().equals(s));
    }

    @Test
    void withoutAReferenceNoSeamsAreScored() {
        Image noisy = Tiny.scene(3, 20, 2);
        Restoration result = run(new TiledRestorer(tiny(TaskSpec.denoise(noisy)).iterations(2).build(),
                new TiledRestorer.Tiling(16, 4)), null, new Recorder());
        assertNull(result.provenance().tiling().seams());
        assertFalse(result.provenance().toJson().contains("seams"));
    }

    @Test
    void seamsAreScoredUnderTheProtocolAtTheOutputScale() {
        TilePlan plan = TilePlan.of(30, 50, 24, 6, 2); // output 60×100: seams before row 30 and columns 42, 68
        Image gt = Tiny.scene(3, 100, 8).crop(0, 0, 60, 100);
        Image out = gt.copy();
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 100; x++) {
                if (y >= 22 && y <= 37 || x >= 34 && x <= 49 || x >= 60 && x <= 75) {
                    out.set(0, y, x, 1 - gt.get(0, y, x));
                }
            }
        }
        TiledRestorer.Seams s = TiledRestorer.Seams.of(plan, 8, Protocol.Y_SHAVE, out, gt, gt);
        assertEquals(3, s.seams());
        assertTrue(s.outputBand() < 30, s.describe());
        assertEquals(Double.POSITIVE_INFINITY, s.outputAway());
        assertEquals(Double.POSITIVE_INFINITY, s.averageBand());
        assertEquals(Double.POSITIVE_INFINITY, s.averageAway());

        TiledRestorer.Seams none = TiledRestorer.Seams.of(TilePlan.of(40, 40, 48, 8, 1), 8, Protocol.RGB, gt.crop(0, 0, 40, 40),
                out.crop(0, 0, 40, 40), gt.crop(0, 0, 40, 40));
        assertEquals(0, none.seams());
        assertNull(none.outputBand());
        assertEquals(Double.POSITIVE_INFINITY, none.outputAway());
        assertEquals("seams: none (one tile)", none.describe());
    }

    @Test
    void superResolutionTilesTheLowResolutionInputAndBlendsAtTheOutputScale() {
        Image lr = Tiny.scene(3, 13, 5);
        Image hr = Tiny.scene(3, 26, 7);
        TiledRestorer r = new TiledRestorer(tiny(TaskSpec.superResolve(lr, 2)).reference(hr).build(), new TiledRestorer.Tiling(8, 2));
        assertEquals(4, r.plan().count());
        Restoration result = run(r, null, new Recorder());
        assertEquals(26, result.output().height());
        assertEquals(26, result.output().width());
        // the seams are scored at the output scale: input tiles at 0 and 5 overlap in rows 5–7, output rows 10–15
        SeamBands bands = SeamBands.of(r.plan(), 8);
        assertArrayEquals(new int[] {13}, bands.rowCuts());
        TiledRestorer.Seams seams = result.provenance().tiling().seams();
        assertEquals(Protocol.Y_SHAVE.psnr(result.output(), hr, bands.band()), seams.outputBand());
        assertEquals(Protocol.Y_SHAVE.psnr(result.output(), hr, bands.away()), seams.outputAway());
    }

    @Test
    void anInpaintingTileWithoutAKnownPixelIsReportedBeforeAnyFit() {
        Image img = Tiny.scene(3, 32, 6);
        Image mask = Image.zeros(1, 32, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 12; x++) {
                mask.set(0, y, x, 1);
            }
        }
        TiledRestorer r = new TiledRestorer(tiny(TaskSpec.inpaint(img, mask)).build(), new TiledRestorer.Tiling(16, 0));
        Recorder rec = new Recorder();
        TileMaskException e = assertThrows(TileMaskException.class, () -> run(r, null, rec));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertTrue(rec.fitted.isEmpty());
        assertFalse(e.tiles().isEmpty());
    }
}
