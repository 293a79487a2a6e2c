package dip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dip.app.DocCommands;
import dip.app.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job's commands shown in README.md and docs/ ({@code ./dip spark}, {@code spark-submit}, Spark's own
 * SparkSubmit) pass arguments the job takes: parsed and checked by the job's own parser, task options and settings
 * files included (those the documents show, under their names), before any Spark would start.
 */
class DocsCommandsTest {
    @TempDir
    Path dir;

    /** {@code args} with each {@code --config NAME} pointing at the settings file the documents show as NAME. */
    private String[] jobArgs(List<String> args) throws Exception {
        for (Map.Entry<String, String> f : DocCommands.settingsFiles().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        List<String> a = new ArrayList<>(args);
        for (int i = 0; i + 1 < a.size(); i++) {
            if (a.get(i).equals("--config")) {
                a.set(i + 1, dir.resolve(a.get(i + 1)).toString());
            }
        }
        return a.toArray(String[]::new);
    }

    private void parses(DocCommands.Command c, List<String> args) throws Exception {
        try {
            SparkOptions o = SparkOptions.parse(jobArgs(args));
            assertTrue(!o.inputs.isEmpty() && o.output != null, c.toString());
        } catch (UserError e) {
            fail(c + "\n  " + e.getMessage());
        }
    }

    @Test
    void everyLocalModeCommandParses() throws Exception {
        List<DocCommands.Command> spark = DocCommands.dip("spark");
        assertTrue(spark.size() >= 5, spark.toString());
        assertTrue(spark.stream().anyMatch(c -> c.words().contains("--config")), "a settings file is shown");
        for (DocCommands.Command c : spark) {
            parses(c, c.afterSubcommand());
        }
    }

    @Test
    void theClusterCommandsPassTheJobArgumentsItTakes() throws Exception {
        List<DocCommands.Command> submits = new ArrayList<>(DocCommands.of("spark-submit"));
        submits.addAll(DocCommands.of("java"));
        assertEquals(2, submits.size(), submits.toString());
        for (DocCommands.Command c : submits) {
            List<String> w = c.words();
            assertEquals("dip.spark.SparkJob", w.get(w.indexOf("--class") + 1), c.toString());
            int jar = -1;
            for (int i = 0; i < w.size(); i++) {
                if (w.get(i).matches("dip-spark/target/dip-spark-[^/]+\\.jar")) {
                    jar = i;
                }
            }
            assertTrue(jar > 0, "the job's jar: " + c);
            assertEquals("dip-spark/target/dip-spark-" + dip.restore.BuildInfo.version() + ".jar", w.get(jar), "the jar the build makes");
            parses(c, w.subList(jar + 1, w.size()));
            w.stream().filter(x -> x.startsWith("@")).forEach(options ->
                    assertTrue(Files.isRegularFile(DocCommands.root().resolve(options.substring(1))), "no file " + options + ": " + c));
        }
    }
}
