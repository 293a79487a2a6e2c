package dip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import dip.image.ImageFiles;
import dip.restore.RestoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/LIBRARY.md's settings-file example is this code, word for word, and it runs here on the files the documents
 * show; README.md's one-line example too.
 */
class SettingsExampleTest {
    @TempDir
    Path dir;

    /** The example between the markers, its files in {@code dir} (the documents show them as {@code Path.of(NAME)}). */
    private static RestoreConfig[] example(Path dir) {
        // LIBRARY begin
        RestoreSettings settings = RestoreSettings.load(dir.resolve("sr.properties"));
        RestoreConfig config = settings.config(dir.resolve("small.png"));
        RestoreConfig scored = settings.builder(dir.resolve("small.png"), dir.resolve("large-truth.png")).seed(1).build();
        // LIBRARY end
        return new RestoreConfig[] {config, scored};
    }

    @Test
    void theDocumentsShowThisCode() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dip/app/SettingsExampleTest.java"));
        String code = source.substring(source.indexOf("// LIBRARY begin\n") + 17, source.indexOf("        // LIBRARY end"))
                .replace("dir.resolve(", "Path.of(").replaceAll("(?m)^        ", "");
        String library = Files.readString(DocCommands.root().resolve("docs/LIBRARY.md"));
        assertTrue(library.contains("```java\n" + code + "```"), "docs/LIBRARY.md's settings example should read:\n" + code);
        String readme = Files.readString(DocCommands.root().resolve("README.md"));
        assertTrue(readme.contains("RestoreConfig config = RestoreSettings.load(Path.of(\"denoise.properties\")).config(Path.of(\"noisy.png\"));"),
                "README.md's one-line example");
    }

    @Test
    void theExampleRunsOnTheFilesTheDocumentsShow() throws Exception {
        Map<String, String> files = DocCommands.settingsFiles();
        assertTrue(files.containsKey("sr.properties") && files.containsKey("denoise.properties"), files.keySet().toString());
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        ImageFiles.write(Image.zeros(3, 16, 16), dir.resolve("small.png"), 8);
        ImageFiles.write(Image.zeros(3, 64, 64), dir.resolve("large-truth.png"), 8);
        RestoreConfig[] configs = example(dir);
        assertEquals(4, configs[0].task().factor());
        assertEquals(2000, configs[0].iterations());
        assertEquals(1, configs[1].seed());
        assertTrue(configs[1].reference() != null);
        // every settings file the documents show loads (the README's denoise.properties, LIBRARY.md's JSON, ...)
        for (String name : files.keySet()) {
            RestoreSettings s = RestoreSettings.load(dir.resolve(name));
            assertTrue(RestoreSettings.TASKS.contains(s.task()), name);
            s.config(dir.resolve(s.task().equals("super-resolve") ? "small.png" : "large-truth.png"));
        }
    }
}
