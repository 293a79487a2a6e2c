package dip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import dip.image.ImageFiles;
import dip.net.SkipConfig;
import dip.restore.NetSpec;
import dip.restore.Provenance;
import dip.restore.RestoreConfig;
import dip.restore.Restoration;
import dip.restore.Restorer;
import dip.task.TaskSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example is this code, word for word, so it cannot rot; and it runs (on a tiny net). */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    /** The README's example between the markers; {@code tweak} is the identity there (tests shorten the fit). */
    static BufferedImage example(Path in, Path out, UnaryOperator<RestoreConfig.Builder> tweak) {
        // README begin
        Image noisy = ImageFiles.read(in).image();   // or ImageFiles.fromBufferedImage(bufferedImage)
        RestoreConfig config = tweak.apply(RestoreConfig.builder(TaskSpec.denoise(noisy))).build();
        try (Restorer restorer = new Restorer(config)) {
            Restoration result = restorer.run(p -> System.err.printf("iteration %d, loss %.5f%n", p.iteration(), p.loss()));
            result.writeOutput(out, 8);               // out.png, and out.json (its provenance) beside it
            return result.outputImage();
        }
        // README end
    }

    @Test
    void theReadmeShowsThisCode() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dip/ReadmeExampleTest.java"));
        String code = source.substring(source.indexOf("// README begin\n") + 16, source.indexOf("        // README end"))
                .replace("tweak.apply(RestoreConfig.builder(TaskSpec.denoise(noisy)))", "RestoreConfig.builder(TaskSpec.denoise(noisy))")
                .replace("return result.outputImage();", "BufferedImage restored = result.outputImage();")
                .replaceAll("(?m)^        ", "");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains(code), "README.md's library example should read:\n" + code);
    }

    @Test
    void theExampleRuns() throws Exception {
        Path in = dir.resolve("noisy.png");
        ImageFiles.write(Image.zeros(3, 20, 20), in, 8);
        Path out = dir.resolve("restored.png");
        NetSpec tiny = NetSpec.skip(SkipConfig.defaults(8, 3).withChannels(new int[] {8, 8}, new int[] {8, 8}, new int[] {2, 2}));
        BufferedImage bi = example(in, out, b -> b.iterations(3).net(tiny).threads(1));
        assertEquals(20, bi.getWidth());
        assertEquals(3, Provenance.read(dir.resolve("restored.json")).result().iterations());
        assertTrue(Files.exists(out));
    }
}
