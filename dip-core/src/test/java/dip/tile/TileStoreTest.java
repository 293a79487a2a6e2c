package dip.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileStoreTest {
    @TempDir
    Path dir;

    private final TilePlan plan = TilePlan.of(20, 30, 12, 4, 2);
    private final TileManifest manifest = TileManifest.of(plan, 3, 5, "abc123");

    @Test
    void theFolderSitsBesideTheOutput() {
        assertEquals(dir.resolve("photo.tiles"), TileStore.folderFor(dir.resolve("photo.png")));
        assertEquals(dir.resolve("photo.x.tiles"), TileStore.folderFor(dir.resolve("photo.x")));
    }

    @Test
    void savedTilesComeBackBitForBitAndTheirCheckpointGoes() throws IOException {
        TileStore store = TileStore.create(dir.resolve("t"), manifest);
        Tile t = plan.tile(1, 2);
        Image out = Fakes.random(3, 24, 24, 9);
        float[] d = out.data();
        d[0] = Float.NaN;
        d[1] = -0f;
        d[2] = Float.MIN_VALUE;
        d[3] = 1.0000001f;
        Files.writeString(store.checkpointFile(t), "partial fit");
        assertFalse(store.isDone(t));
        assertEquals(0, store.doneCount());
        store.save(t, out);
        assertTrue(store.isDone(t));
        assertFalse(Files.exists(store.checkpointFile(t)));
        assertEquals(1, store.doneCount());
        Image back = TileStore.resume(dir.resolve("t"), manifest).load(t);
        assertEquals(out.shape(), back.shape());
        for (int i = 0; i < d.length; i++) {
            assertEquals(Float.floatToRawIntBits(d[i]), Float.floatToRawIntBits(back.data()[i]), "float " + i);
        }
        assertEquals(32 + 3 * 24 * 24 * 4, Files.size(store.tileFile(t)));
        assertThrows(IllegalArgumentException.class, () -> store.save(plan.tile(0, 0), Fakes.random(3, 12, 12, 1)));
    }

    @Test
    void aStoreOfAnotherRunIsRefusedSayingWhatDiffers() {
        Path folder = dir.resolve("t");
        TileStore.create(folder, manifest);
        TileStoreException e = assertThrows(TileStoreException.class, () -> TileStore.resume(folder,
                TileManifest.of(TilePlan.of(20, 30, 16, 4, 2), 3, 6, "abc123")));
        assertEquals("cannot resume from " + folder + ": it was made by another run (tile 12 there, 16 now;"
                + " seed 5 there, 6 now); resume with the same settings, or delete it", e.getMessage());
        assertTrue(assertThrows(TileStoreException.class, () -> TileStore.open(folder,
                TileManifest.of(plan, 3, 5, "other"))).getMessage().contains("(settings differ)"));
        assertTrue(assertThrows(TileStoreException.class, () -> TileStore.resume(folder,
                TileManifest.of(TilePlan.of(20, 31, 12, 4, 2), 1, 5, "abc123"))).getMessage()
                .contains("(input 3x20x30 there, 1x20x31 now)"));
        assertTrue(assertThrows(TileStoreException.class, () -> TileStore.resume(folder,
                TileManifest.of(TilePlan.of(20, 30, 12, 4, 4), 3, 5, "abc123"))).getMessage()
                .contains("(scale 2 there, 4 now)"));
        assertEquals(folder + " already holds the tiles of an earlier run: resume it, or delete it to start afresh",
                assertThrows(TileStoreException.class, () -> TileStore.create(folder, manifest)).getMessage());
        assertEquals(plan, TileStore.open(folder, manifest).plan());
    }

    @Test
    void resumingNothingOrAnUnreadableManifestIsRefused() throws IOException {
        Path folder = dir.resolve("none");
        assertEquals("nothing to resume: " + folder + " holds no tiles of an earlier run",
                assertThrows(TileStoreException.class, () -> TileStore.resume(folder, manifest)).getMessage());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("manifest.txt"), "dip-tiles 1\nheight=20\n");
        assertTrue(assertThrows(TileStoreException.class, () -> TileStore.resume(folder, manifest)).getMessage()
                .endsWith("its manifest.txt is unreadable ('width' is missing)"));
    }

    @Test
    void tileFilesWithoutAManifestAreNotTakenForFinishedTiles() throws IOException {
        Path folder = dir.resolve("t");
        TileStore.create(folder, manifest).save(plan.tile(0, 0), Fakes.random(3, 24, 24, 2));
        Files.delete(folder.resolve("manifest.txt"));
        assertEquals(folder + " holds tile files but no manifest: delete it to start afresh",
                assertThrows(TileStoreException.class, () -> TileStore.create(folder, manifest)).getMessage());
        Files.writeString(folder.resolve("notes.txt"), "mine");
        TileStore.delete(folder);
        assertEquals(0, TileStore.create(folder, manifest).doneCount(), "a folder with only foreign files is fine");
    }

    @Test
    void aDamagedTileFileIsReportedNotUsed() throws IOException {
        TileStore store = TileStore.create(dir.resolve("t"), manifest);
        Tile t = plan.tile(0, 1);
        store.save(t, Fakes.random(3, 24, 24, 2));
        Path file = store.tileFile(t);
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 1;
        Files.write(file, bytes);
        assertEquals("tile file " + file + " is damaged (checksum mismatch): delete it to restore that tile again",
                assertThrows(TileStoreException.class, () -> store.load(t)).getMessage());
        Files.write(file, java.util.Arrays.copyOf(bytes, 50));
        assertTrue(assertThrows(TileStoreException.class, () -> store.load(t)).getMessage()
                .contains("(50 bytes, expected 6944)"));
        store.save(plan.tile(0, 0), Fakes.random(3, 24, 24, 2));
        Files.copy(store.tileFile(plan.tile(0, 0)), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(assertThrows(TileStoreException.class, () -> store.load(t)).getMessage()
                .contains("(it holds a 3x24x24 tile at row 0, col 0)"));
    }

    @Test
    void deleteRemovesWhatTheStoreWroteAndNothingElse() throws IOException {
        Path folder = dir.resolve("t");
        TileStore store = TileStore.create(folder, manifest);
        store.save(plan.tile(0, 0), Fakes.random(3, 24, 24, 2));
        Files.writeString(store.checkpointFile(plan.tile(0, 1)), "x");
        Files.writeString(folder.resolve(".tile-r0-c2.f32.tmp-1a2b"), "x");
        assertTrue(store.delete());
        assertFalse(Files.exists(folder));

        TileStore again = TileStore.create(folder, manifest);
        Files.writeString(folder.resolve("notes.txt"), "mine");
        assertFalse(again.delete());
        assertEquals(java.util.List.of(folder.resolve("notes.txt")), Files.list(folder).toList());
        assertTrue(TileStore.delete(dir.resolve("never")));
    }

    @Test
    void theManifestRoundTripsAndTheHashSeesPixelsAndSettings() {
        assertEquals(manifest, TileManifest.parse(manifest.toText()));
        assertEquals(plan, manifest.plan());
        assertThrows(IllegalArgumentException.class, () -> TileManifest.parse("something else"));
        assertThrows(IllegalArgumentException.class, () -> TileManifest.of(plan, 3, 5, "two\nlines"));
        Image a = Fakes.random(3, 4, 4, 1);
        Image b = a.copy();
        b.set(2, 3, 3, b.get(2, 3, 3) + 1e-6f);
        String h = TileManifest.hashOf("denoise", a);
        assertEquals(32, h.length());
        assertEquals(h, TileManifest.hashOf("denoise", a.copy()));
        assertNotEquals(h, TileManifest.hashOf("denoise", b));
        assertNotEquals(h, TileManifest.hashOf("inpaint", a));
        assertNotEquals(h, TileManifest.hashOf("denoise", new Image(3, 2, 8, a.data())));
        assertArrayEquals(new String[0], TileManifest.of(plan, 3, 5, "s").differencesFrom(TileManifest.of(plan, 3, 5, "s")).toArray());
    }
}
