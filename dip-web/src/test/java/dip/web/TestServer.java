package dip.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;

/** A server on a free port of 127.0.0.1 with a work folder, and a small HTTP client for its API. */
final class TestServer implements AutoCloseable {
    /** Small limits, so that the limits can be tested with small files. */
    static final Limits LIMITS = new Limits(200_000, 48 * 48, 1, 50); // one thread: two fight with whatever else runs on a 2-core machine

    final Path work;
    final WebServer server;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ObjectMapper json = new ObjectMapper();

    TestServer(Path work) throws IOException {
        System.setProperty("java.awt.headless", "true");
        this.work = work;
        this.server = new WebServer(work, LIMITS);
        this.base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    /** A smooth colour test image (a gradient with a disc), as PNG bytes. */
    static byte[] png(int w, int h) {
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean disc = (x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2) < w * h / 9;
                bi.setRGB(x, y, ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | (disc ? 200 : 40));
            }
        }
        return encode(bi);
    }

    /** A mask: white (known) with a black square hole in the middle. */
    static byte[] mask(int w, int h, boolean withHole) {
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean hole = withHole && Math.abs(x - w / 2) < w / 6 && Math.abs(y - h / 2) < h / 6;
                bi.getRaster().setSample(x, y, 0, hole ? 0 : 255);
            }
        }
        return encode(bi);
    }

    static byte[] encode(BufferedImage bi) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(bi, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One part of a multipart form: a field (bytes null) or a file. */
    record Part(String name, String value, String filename, byte[] bytes) {
        static Part field(String name, Object value) { return new Part(name, String.valueOf(value), null, null); }

        static Part file(String name, String filename, byte[] bytes) { return new Part(name, null, filename, bytes); }
    }

    HttpResponse<String> post(Part... parts) throws IOException, InterruptedException {
        String boundary = "----dip" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.filename() != null ? "; filename=\"" + p.filename() + "\"\r\nContent-Type: application/octet-stream" : "")
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.bytes() != null ? p.bytes() : p.value().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postEmpty(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode parse(HttpResponse<String> r) throws IOException { return json.readTree(r.body()); }

    JsonNode job(String id) throws IOException, InterruptedException { return parse(get("/api/jobs/" + id)); }

    /** Waits until the job is in a final state (or fails the test after {@code seconds}); returns it. */
    JsonNode await(String id, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode j = job(id);
            if (Job.TERMINAL.contains(j.path("state").asText())) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish in " + seconds + " s: " + job(id).path("state").asText());
    }

    /** The form of a short fit on a tiny net. */
    static Part[] quick(String task, byte[] image, int iterations, Part... more) {
        Part[] base = {Part.file("image", "tiny.png", image), Part.field("task", task), Part.field("iterations", iterations),
                Part.field("channels", 4), Part.field("stop", "fixed")};
        Part[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Override
    public void close() { server.close(); }
}
