package dip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.bench.BenchInputException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of each folder layout, and the errors a user can make. */
class BenchFolderTest {
    @TempDir
    Path dir;

    @Test
    void denoisePairsGroundTruthWithNoisyAndSkipsAnUnpairedOne() {
        BenchImages.denoiseFolder(dir, 24, "b", "a");
        BenchImages.write(BenchImages.pattern(3, 24, 9), dir.resolve("lonely_GT.png"));
        BenchFolder.Discovery d = BenchFolder.discover(dir, BenchTask.DENOISE);
        assertEquals(List.of("a", "b"), d.names());
        assertEquals(dir.resolve("a_noisy.png"), d.entries().get(0).observation());
        assertEquals(dir.resolve("a_GT.png"), d.entries().get(0).groundTruth());
        assertEquals(1, d.skipped().size());
        assertTrue(d.skipped().get(0).contains("lonely_noisy.png"), d.skipped().toString());
    }

    @Test
    void inpaintPairsGroundTruthWithMasked() {
        BenchImages.inpaintFolder(dir, 24, "house");
        BenchFolder.Discovery d = BenchFolder.discover(dir, BenchTask.INPAINT);
        assertEquals(List.of("house"), d.names());
        assertEquals(dir.resolve("house_masked.png"), d.entries().get(0).observation());
    }

    @Test
    void superResolutionTakesGroundTruthFiles() {
        BenchImages.srFolder(dir, 32, "baby", "bird");
        BenchFolder.Discovery d = BenchFolder.discover(dir, BenchTask.SR4);
        assertEquals(List.of("baby", "bird"), d.names());
        assertNull(d.entries().get(0).observation());
    }

    @Test
    void superResolutionTakesPlainImagesWhenThereIsNoGroundTruthFile() throws Exception {
        BenchImages.write(BenchImages.pattern(3, 32, 0), dir.resolve("monarch.png"));
        BenchImages.write(BenchImages.pattern(3, 32, 1), dir.resolve("zebra.png"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        assertEquals(List.of("monarch", "zebra"), BenchFolder.discover(dir, BenchTask.SR8).names());
    }

    @Test
    void selectKeepsTheRequestedOrderAndRejectsUnknownNames() {
        BenchImages.srFolder(dir, 32, "baby", "bird", "head");
        BenchFolder.Discovery d = BenchFolder.discover(dir, BenchTask.SR4);
        assertEquals(List.of("head", "baby"), d.select(List.of("head", "baby")).stream().map(BenchFolder.Entry::name).toList());
        BenchInputException e = assertThrows(BenchInputException.class, () -> d.select(List.of("woman")));
        assertEquals(Problem.UNKNOWN_IMAGE, e.problem());
        assertTrue(e.getMessage().contains("'woman'") && e.getMessage().contains("baby, bird, head"), e.getMessage());
    }

    @Test
    void missingFolderAndEmptyFolderAreClearErrors() {
        BenchInputException missing = assertThrows(BenchInputException.class,
                () -> BenchFolder.discover(dir.resolve("nope"), BenchTask.DENOISE));
        assertEquals(Problem.MISSING_FOLDER, missing.problem());
        assertTrue(missing.getMessage().contains("does not exist"));
        BenchImages.srFolder(dir, 32, "baby"); // HR files only: nothing to denoise
        BenchInputException none = assertThrows(BenchInputException.class, () -> BenchFolder.discover(dir, BenchTask.DENOISE));
        assertEquals(Problem.NO_IMAGES, none.problem());
        assertTrue(none.getMessage().contains("NAME_noisy.png"), none.getMessage());
    }
}
