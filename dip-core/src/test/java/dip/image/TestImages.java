package dip.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

/** Test helpers: images whose values sit exactly on 8- or 16-bit levels, and the shared example data. */
final class TestImages {
    private TestImages() {}

    /** Random values k/max, so a write/read round trip at that bit depth must reproduce them exactly. */
    static Image randomLevels(int channels, int height, int width, int max, long seed) {
        Random rnd = new Random(seed);
        float[] data = new float[channels * height * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextInt(max + 1) / (float) max;
        }
        // pin the extremes so clamping edges are exercised
        data[0] = 0f;
        data[data.length - 1] = 1f;
        return new Image(channels, height, width, data);
    }

    /** The project's shared/data/examples folder, found by walking up from the working directory. */
    static Optional<Path> sharedExamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("examples");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
