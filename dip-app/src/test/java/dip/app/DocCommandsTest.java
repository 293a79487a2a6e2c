package dip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command shown in README.md and docs/ is one that a test or CI runs or checks: {@code ./dip} commands (each
 * front-end's DocsCommandsTest), the build and test commands and the quick start (CI's .ci/run), the API's curl lines
 * (dip-web) and the cluster commands (dip-spark). A command of any other kind fails here, naming its file and line.
 */
class DocCommandsTest {
    @Test
    void everyCommandShownIsOfAKindThatIsChecked() {
        List<DocCommands.Command> all = DocCommands.all();
        assertTrue(all.size() > 30, "the documents' commands were found: " + all.size());
        for (DocCommands.Command c : all) {
            boolean checked = switch (c.program()) {
                case "./dip", "curl", "spark-submit" -> true;
                case "java" -> c.words().contains("org.apache.spark.deploy.SparkSubmit");
                case "mvn" -> c.text().equals("mvn -q verify") || c.text().equals("mvn -q -DskipTests package");
                case "mkdir" -> c.text().equals("mkdir -p out"); // the quick start's, which CI runs
                default -> false;
            };
            assertTrue(checked, "no test or CI run checks this command (add it to one, or show it as prose): " + c);
        }
    }

    @Test
    void ciRunsTheQuickStartAsTheReadmeShowsIt() throws Exception {
        List<String> quickStart = Files.readAllLines(DocCommands.root().resolve("README.md")).stream()
                .filter(l -> l.startsWith("mvn -q -DskipTests package && mkdir -p out && ./dip denoise samples/f16.png")).toList();
        assertEquals(1, quickStart.size(), "README.md shows one quick start line");
        String ci = Files.readString(DocCommands.root().resolve(".ci/run"));
        assertTrue(ci.contains("mvn -q -DskipTests package && mkdir -p out && ./dip denoise samples/f16.png"),
                ".ci/run finds the quick start by its beginning");
        assertTrue(ci.contains("\nmvn -q verify\n"), ".ci/run runs the README's test command");
    }

    @Test
    void theShellWordsAreThoseAShellWouldPass() {
        assertEquals(List.of("./dip", "spark", "archive/*.png", "--reference", "hr/{name}.png"),
                DocCommands.words("./dip spark 'archive/*.png' --reference \"hr/{name}.png\""));
        assertEquals(List.of("./dip", "net", "skip"), DocCommands.words("DIP_JAVA_OPTS=\"-Da=b c\" ./dip net skip"));
        assertEquals(List.of("curl", "-s", "-F", "task=denoise", "http://h/api/jobs", "|", "jq", "-r", ".id"),
                DocCommands.words("id=$(curl -s -F task=denoise http://h/api/jobs | jq -r .id)"));
        assertEquals(List.of("--jars", "$(ls a/*.jar | paste -sd,)"), DocCommands.words("--jars \"$(ls a/*.jar | paste -sd,)\""));
        assertEquals(List.of("mvn -q x ", " mkdir -p out ", " ./dip a "), DocCommands.split("mvn -q x && mkdir -p out && ./dip a # note"));
        assertFalse(DocCommands.split("./dip serve     # then open it").get(0).contains("#"));
    }
}
