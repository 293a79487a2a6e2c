package dip.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dip.app.DocCommands;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code ./dip serve} commands shown in README.md and docs/ parse as {@code dip serve}'s command line, and the JSON
 * API's curl examples run against a server, as shown (the image a test image, the address the test server's).
 */
class DocsCommandsTest {
    private static final String SHOWN = "http://127.0.0.1:8080";

    @TempDir
    static Path work;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception { s = new TestServer(work); }

    @AfterAll
    static void stop() { s.close(); }

    @Test
    void everyServeCommandParses() {
        List<DocCommands.Command> serve = DocCommands.dip("serve");
        assertTrue(serve.size() >= 2, serve.toString());
        for (DocCommands.Command c : serve) {
            try {
                new CommandLine(new Serve()).parseArgs(c.afterSubcommand().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail(c + "\n  " + e.getMessage());
            }
        }
    }

    /** The value after each {@code flag} of a curl command. */
    private static List<String> values(DocCommands.Command c, String flag) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i + 1 < c.words().size(); i++) {
            if (c.words().get(i).equals(flag)) {
                v.add(c.words().get(i + 1));
            }
        }
        return v;
    }

    private static String url(DocCommands.Command c, String id) {
        String u = c.words().stream().filter(w -> w.startsWith(SHOWN)).findFirst().orElseThrow(() -> new AssertionError("no URL: " + c));
        return u.replace(SHOWN, s.base).replace("$id", id);
    }

    @Test
    void theApiExamplesRunAsShown() throws Exception {
        List<DocCommands.Command> curls = DocCommands.of("curl");
        List<DocCommands.Command> posts = curls.stream().filter(c -> c.words().contains("-F")).toList();
        assertEquals(1, posts.size(), "one job is created: " + posts);
        List<TestServer.Part> parts = new ArrayList<>();
        for (String f : values(posts.get(0), "-F")) {
            String name = f.substring(0, f.indexOf('='));
            String value = f.substring(f.indexOf('=') + 1);
            parts.add(value.startsWith("@") ? TestServer.Part.file(name, value.substring(1), TestServer.png(24, 24))
                    : TestServer.Part.field(name, value));
        }
        assertTrue(url(posts.get(0), "").endsWith("/api/jobs"), posts.get(0).toString());
        HttpResponse<String> created = s.post(parts.toArray(TestServer.Part[]::new));
        assertEquals(201, created.statusCode(), posts.get(0) + "\n" + created.body());
        String id = s.parse(created).path("id").asText();
        long end = System.nanoTime() + 120_000_000_000L;
        while (s.job(id).path("iteration").asInt() < 1 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        // The stop first (the job would run its iterations otherwise), then the others in the order shown.
        List<DocCommands.Command> rest = new ArrayList<>(curls.stream().filter(c -> c.words().contains("POST")).toList());
        curls.stream().filter(c -> !c.words().contains("POST") && !c.words().contains("-F")).forEach(rest::add);
        assertTrue(rest.size() >= 3, rest.toString());
        for (DocCommands.Command c : rest) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url(c, id)));
            for (String h : values(c, "-H")) {
                req.header(h.substring(0, h.indexOf(':')).strip(), h.substring(h.indexOf(':') + 1).strip());
            }
            if (c.words().contains("POST")) {
                req.POST(HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r = s.http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), c + "\n" + new String(r.body()));
            if (c.words().contains("POST")) {
                JsonNode j = s.await(id, 60);
                assertEquals("stopped", j.path("state").asText(), j.toString());
                for (String f : values(posts.get(0), "-F")) {
                    if (f.startsWith("recipe=")) {
                        assertEquals(f.substring(7), j.path("options").path("recipe").asText(), "the recipe the example asks for");
                    }
                }
            }
            if (!values(c, "-o").isEmpty()) {
                assertTrue(r.body().length > 0 && new String(r.body(), 1, 3).equals("PNG"), c.toString());
            }
        }
    }
}
