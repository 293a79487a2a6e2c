package dip.web;

import static dip.web.TestServer.Part.field;
import static dip.web.TestServer.Part.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API without a browser: bad uploads, unknown jobs, the queue, stop, downloads, a restart. */
class WebApiTest {
    @TempDir
    static Path work;
    static TestServer s;
    static final byte[] IMAGE = TestServer.png(24, 24);

    @BeforeAll
    static void start() throws Exception { s = new TestServer(work); }

    @AfterAll
    static void stop() { s.close(); }

    private static void assertError(HttpResponse<String> r, int status, String text) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        String error = s.parse(r).path("error").asText();
        assertTrue(error.contains(text), "error '" + error + "' should say '" + text + "'");
        assertFalse(error.contains(work.toString()), "a message must not show the server's folders: " + error);
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void badUploadsAreRejectedAtPostWithAJsonError() throws Exception {
        byte[] text = "this is not an image\n".getBytes(StandardCharsets.US_ASCII);
        assertError(s.post(file("image", "photo.png", text), field("task", "denoise")), 400, "not a supported image format");
        byte[] truncated = Arrays.copyOf(IMAGE, IMAGE.length / 2);
        assertError(s.post(file("image", "cut.png", truncated), field("task", "denoise")), 400, "corrupt or truncated");
        assertError(s.post(file("image", "empty.png", new byte[0]), field("task", "denoise")), 400, "empty file");
        assertError(s.post(field("task", "denoise")), 400, "no image");
        assertError(s.post(file("image", "a.png", IMAGE)), 400, "choose a task");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "../../etc/passwd")), 400, "choose a task");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "super-resolve"), field("scale", 3)), 400, "scale");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "denoise"), field("iterations", "many")), 400, "whole number");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "denoise"), field("iterations", 0)), 400, "iterations");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "denoise"), field("preset", "huge")), 400, "preset");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "denoise"), field("stop", "never")), 400, "stop");
        assertError(s.post(file("image", "one.png", TestServer.png(1, 1)), field("task", "denoise")), 400, "too small");
        // limits: pixels from the header before decoding, bytes per file
        assertError(s.post(file("image", "big.png", TestServer.png(64, 64)), field("task", "denoise")), 413, "64×64 = 4096 pixels: this server takes at most 2304 pixels");
        byte[] huge = new byte[(int) TestServer.LIMITS.maxUploadBytes() + 10];
        assertError(s.post(file("image", "huge.png", huge), field("task", "denoise")), 413, "at most");
        // a form that is not multipart
        HttpResponse<String> plain = s.http.send(HttpRequest.newBuilder(URI.create(s.base + "/api/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString("task=denoise")).header("Content-Type", "application/x-www-form-urlencoded")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(plain, 400, "multipart");
        // nothing of the refused uploads is kept
        try (var dirs = Files.list(work.resolve("jobs"))) {
            assertEquals(List.of(), dirs.filter(d -> !Files.exists(d.resolve(Job.FILE))).toList());
        }
    }

    @Test
    void inpaintingNeedsAUsableMask() throws Exception {
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "inpaint")), 400, "needs a mask");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "inpaint"), file("mask", "m.png", TestServer.mask(24, 24, false))),
                400, "the mask has no holes");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "inpaint"), file("mask", "m.png", TestServer.mask(16, 16, true))),
                400, "the mask is 16x16 but the image is 24x24");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "inpaint"), file("mask", "m.png", "text".getBytes())),
                400, "not a supported image format");
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "denoise"), file("reference", "r.png", TestServer.png(16, 16))),
                400, "the reference 'r.png' is 16×16");
    }

    @Test
    void theRecipeChoosesTheDefaultsAsTheClisDoes() throws Exception {
        JsonNode config = s.parse(s.get("/api/config"));
        assertEquals("skip-64", config.path("recipes").path("fast").path("denoise").path("preset").asText(), config.toString());
        assertEquals("skip", config.path("recipes").path("paper").path("denoise").path("preset").asText());
        assertEquals("skip-64", config.path("tasks").path("denoise").path("preset").asText(), "tasks: the fast recipe's");
        assertEquals(2000, config.path("recipes").path("paper").path("super-resolve-4").path("iterations").asInt());
        assertError(s.post(file("image", "a.png", IMAGE), field("task", "denoise"), field("recipe", "slow")), 400, "recipe");
        for (String recipe : List.of("paper", "fast", "")) {
            HttpResponse<String> r = s.post(file("image", "a.png", IMAGE), field("task", "denoise"), field("recipe", recipe),
                    field("iterations", 2), field("stop", "fixed"));
            assertEquals(201, r.statusCode(), r.body());
            JsonNode done = s.await(s.parse(r).path("id").asText(), 120);
            assertEquals("done", done.path("state").asText(), done.toString());
            String preset = recipe.equals("paper") ? "skip" : "skip-64";
            assertEquals(recipe.isEmpty() ? "fast" : recipe, done.path("options").path("recipe").asText(), done.toString());
            assertEquals(preset, done.path("options").path("preset").asText(), done.toString());
            JsonNode provenance = s.json.readTree(s.getBytes("/api/jobs/" + done.path("id").asText() + "/files/output.json").body());
            assertEquals(preset, provenance.path("settings").path("net").path("preset").asText(), provenance.toString());
        }
    }

    @Test
    void unknownJobsAndFilesAre404() throws Exception {
        assertError(s.get("/api/jobs/AAAAAAAAAAAAAAAAAAAAAA"), 404, "no job");
        assertError(s.get("/api/jobs/not-an-id"), 404, "no job");
        assertError(s.get("/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/files/output.png"), 404, "no job");
        assertError(s.postEmpty("/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/stop"), 404, "no job");
        HttpResponse<String> events = s.http.send(HttpRequest.newBuilder(URI.create(s.base + "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, events.statusCode());
        int traversal = s.get("/static/..%2F..%2Fpom.xml").statusCode();
        assertTrue(traversal == 400 || traversal == 404, "a path out of /static/ is refused: " + traversal);
        assertEquals(404, s.get("/static/WebServer.class").statusCode());
    }

    @Test
    void everyResponseHasARestrictiveContentSecurityPolicy() throws Exception {
        for (String path : List.of("/", "/static/app.js", "/api/config", "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA")) {
            String csp = s.get(path).headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), path + ": " + csp);
        }
        String page = s.get("/").body();
        assertTrue(page.contains("<canvas id=\"mask\""), "the page holds the mask's canvas");
        assertFalse(page.contains("http://") || page.contains("//cdn"), "nothing loaded from elsewhere");
    }

    @Test
    void jobsRunOneAtATimeInTheOrderTheyCame() throws Exception {
        // a long job holds the CPU while the others queue behind it
        String blocker = s.parse(s.post(TestServer.quick("denoise", IMAGE, 100_000))).path("id").asText();
        long end = System.nanoTime() + 60_000_000_000L;
        while (!s.job(blocker).path("state").asText().equals("running") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<String> ids = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            HttpResponse<String> r = s.post(TestServer.quick("denoise", IMAGE, 15, field("seed", k)));
            assertEquals(201, r.statusCode(), r.body());
            JsonNode j = s.parse(r);
            ids.add(j.path("id").asText());
            positions.add(j.path("position").asInt());
            assertTrue(j.path("id").asText().matches("[A-Za-z0-9_-]{22}"), j.toString());
        }
        assertEquals(List.of(1, 2, 3), positions);
        assertEquals(1, s.job(ids.get(0)).path("position").asInt());
        s.postEmpty("/api/jobs/" + blocker + "/stop");
        JsonNode stopped = s.await(blocker, 60);
        assertEquals("stopped", stopped.path("state").asText(), stopped.toString());
        Instant lastEnd = Instant.parse(stopped.path("finished").asText());
        for (String id : ids) {
            JsonNode j = s.await(id, 120);
            assertEquals("done", j.path("state").asText(), j.toString());
            Instant start = Instant.parse(j.path("started").asText());
            assertFalse(start.isBefore(lastEnd), "job " + id + " started before the one ahead of it finished");
            lastEnd = Instant.parse(j.path("finished").asText());
            assertEquals(15, j.path("result").path("iterations").asInt());
        }
    }

    @Test
    void resultsDownloadAndSurviveARestart() throws Exception {
        HttpResponse<String> r = s.post(TestServer.quick("inpaint", IMAGE, 12, file("mask", "m.png", TestServer.mask(24, 24, true)),
                file("reference", "ref.png", IMAGE)));
        assertEquals(201, r.statusCode(), r.body());
        String id = s.parse(r).path("id").asText();
        JsonNode done = s.await(id, 120);
        assertEquals("done", done.path("state").asText(), done.toString());
        assertTrue(done.path("result").has("psnrOutput"), done.toString());
        assertEquals(12, done.path("curve").size());
        HttpResponse<byte[]> png = s.getBytes("/api/jobs/" + id + "/files/output.png");
        assertEquals(200, png.statusCode());
        assertTrue(png.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertEquals(24, out.getWidth());
        assertEquals(24, out.getHeight());
        JsonNode provenance = s.json.readTree(s.getBytes("/api/jobs/" + id + "/files/output.json").body());
        assertEquals("inpaint", provenance.path("task").path("kind").asText());
        assertEquals(12, provenance.path("result").path("iterations").asInt());
        assertTrue(new String(s.getBytes("/api/jobs/" + id + "/files/report.html").body(), StandardCharsets.UTF_8).contains("<html"));
        assertEquals(200, s.getBytes("/api/jobs/" + id + "/files/average.png").statusCode());
        assertEquals(200, s.getBytes("/api/jobs/" + id + "/images/input.png").statusCode());
        assertEquals(200, s.getBytes("/api/jobs/" + id + "/images/mask.png").statusCode());
        // another server on the same folder knows the finished job
        try (TestServer again = new TestServer(work)) {
            JsonNode j = again.job(id);
            assertEquals("done", j.path("state").asText());
            assertEquals(12, j.path("curve").size());
            assertEquals(200, again.getBytes("/api/jobs/" + id + "/files/output.png").statusCode());
        }
    }

    @Test
    void stopKeepsTheResultSoFar() throws Exception {
        HttpResponse<String> r = s.post(TestServer.quick("denoise", IMAGE, 100_000));
        String id = s.parse(r).path("id").asText();
        long end = System.nanoTime() + 120_000_000_000L;
        while (s.job(id).path("iteration").asInt() < 3 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(200, s.postEmpty("/api/jobs/" + id + "/stop").statusCode());
        JsonNode j = s.await(id, 60);
        assertEquals("stopped", j.path("state").asText(), j.toString());
        assertEquals("request", j.path("result").path("stoppedBy").asText());
        int its = j.path("result").path("iterations").asInt();
        assertTrue(its >= 3 && its < 100_000, j.toString());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(s.getBytes("/api/jobs/" + id + "/files/output.png").body())));
    }

    @Test
    void theMemoryCheckFailsAFitThatWouldNotFitWithTheEstimate() throws Exception {
        System.setProperty("dip.memoryAvailableMb", "1");
        try {
            String id = s.parse(s.post(TestServer.quick("denoise", IMAGE, 5))).path("id").asText();
            JsonNode j = s.await(id, 60);
            assertEquals("failed", j.path("state").asText());
            assertTrue(j.path("error").asText().matches("this fit needs about [0-9.]+ GiB of memory but 0\\.0 GiB is available.*"),
                    j.path("error").asText());
        } finally {
            System.clearProperty("dip.memoryAvailableMb");
        }
    }

    @Test
    void aWaitingJobCanBeCancelled() throws Exception {
        String first = s.parse(s.post(TestServer.quick("denoise", IMAGE, 100_000))).path("id").asText();
        String second = s.parse(s.post(TestServer.quick("denoise", IMAGE, 5))).path("id").asText();
        assertEquals(200, s.postEmpty("/api/jobs/" + second + "/stop").statusCode());
        assertEquals("cancelled", s.await(second, 10).path("state").asText());
        s.postEmpty("/api/jobs/" + first + "/stop");
        assertTrue(List.of("stopped", "cancelled").contains(s.await(first, 60).path("state").asText()));
    }

    @Test
    void theEventStreamSendsTheStateThenProgress() throws Exception {
        String id = s.parse(s.post(TestServer.quick("denoise", IMAGE, 40))).path("id").asText();
        HttpResponse<java.util.stream.Stream<String>> r = s.http.send(HttpRequest.newBuilder(URI.create(s.base + "/api/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        List<String> events = r.body().filter(l -> l.startsWith("event:")).toList(); // ends when the job does
        assertEquals("event: state", events.get(0));
        assertEquals("event: state", events.get(events.size() - 1));
        assertEquals("done", s.job(id).path("state").asText());
    }
}
