package dip.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the project's example images when the shared data folder is present (skipped otherwise). */
class SharedExamplesTest {
    private static Path example(String name) {
        Path file = TestImages.sharedExamples().map(d -> d.resolve(name)).orElse(null);
        assumeTrue(file != null && Files.isRegularFile(file), "shared example " + name + " not available");
        return file;
    }

    @Test
    void barbaraIsGrey512() {
        assertEquals("1x512x512", ImageFiles.read(example("barbara.png")).image().shape());
    }

    @Test
    void f16IsRgb512() {
        assertEquals("3x512x512", ImageFiles.read(example("F16_GT.png")).image().shape());
    }
}
