package dip.web;

import dip.fit.Recipe;
import dip.restore.RestoreConfig;
import dip.task.TaskSpec;
import dip.image.ImageFiles;
import dip.image.ImageReadException;
import dip.net.NetPresets;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./dip serve}: the page (HTML, script and style from the jar, nothing from elsewhere) and the JSON API behind it
 * on Javalin. Every response carries a restrictive Content-Security-Policy; errors are {@code {"error": "..."}} with a
 * 4xx status, never a stack trace.
 */
final class WebServer implements AutoCloseable {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    /** The page's files, by the name in its URL (the only names served from /static/). */
    private static final Map<String, String> ASSETS = Map.of("app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    /** Request attribute: the response already holds a JSON error. */
    private static final String ANSWERED = "dip.error";
    private static final Pattern INPUT_FILE = Pattern.compile("input\\.(png|jpg|bmp|tif|img)");

    private final Limits limits;
    private final Jobs jobs;
    private final JobRequests requests;
    private final Map<String, byte[]> assets = new LinkedHashMap<>();
    private final Javalin app;

    WebServer(Path work, Limits limits) throws IOException {
        this.limits = limits;
        this.jobs = new Jobs(work, limits);
        this.requests = new JobRequests(limits);
        assets.put("index.html", resource("index.html"));
        for (String name : ASSETS.keySet()) {
            assets.put(name, resource(name));
        }
        Path uploads = work.resolve("tmp");
        Files.createDirectories(uploads);
        long perRequest = 3 * limits.maxUploadBytes() + (1 << 20);
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.multipartConfig.cacheDirectory(uploads.toString());
            c.jetty.multipartConfig.maxFileSize(limits.maxUploadBytes() + 1, SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(perRequest, SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
        });
        app.exception(ApiError.class, (e, ctx) -> {
            ctx.attribute(ANSWERED, true);
            ctx.status(e.status()).json(Map.of("error", e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            System.err.println("dip serve: " + ctx.method() + " " + ctx.path() + " failed:");
            e.printStackTrace();
            ctx.status(500).json(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                ctx.json(Map.of("error", "not found: " + ctx.path()));
            }
        });
        routes(perRequest);
    }

    private void routes(long perRequest) {
        app.get("/", this::page);
        app.get("/jobs/{id}", this::page);
        app.get("/static/{name}", ctx -> {
            String type = ASSETS.get(ctx.pathParam("name"));
            if (type == null) {
                throw new ApiError(404, "not found: " + ctx.path());
            }
            ctx.contentType(type).result(assets.get(ctx.pathParam("name")));
        });
        app.get("/api/config", ctx -> ctx.json(config()));
        app.get("/api/jobs", ctx -> ctx.json(jobs.all().stream().map(j -> jobs.describe(j, false)).toList()));
        app.post("/api/jobs", ctx -> {
            if (ctx.contentLength() > perRequest) {
                throw new ApiError(413, "the upload is too large: at most " + JobRequests.megabytes(limits.maxUploadBytes()) + " per file");
            }
            if (!ctx.isMultipartFormData()) {
                throw new ApiError(400, "send a multipart form (multipart/form-data) with the image and the task");
            }
            String id = jobs.newId();
            Job job = requests.create(ctx, id, jobs.folder(id));
            jobs.submit(job);
            ctx.status(201).json(jobs.describe(job, false));
        });
        app.get("/api/jobs/{id}", ctx -> ctx.json(jobs.describe(jobs.get(ctx.pathParam("id")), true)));
        app.post("/api/jobs/{id}/stop", ctx -> {
            Job job = jobs.get(ctx.pathParam("id"));
            jobs.stop(job);
            ctx.json(jobs.describe(job, false));
        });
        app.before("/api/jobs/{id}/events", ctx -> jobs.get(ctx.pathParam("id")));
        app.sse("/api/jobs/{id}/events", client -> {
            client.keepAlive();
            jobs.follow(jobs.get(client.ctx().pathParam("id")), client);
        });
        app.get("/api/jobs/{id}/files/{name}", ctx -> {
            Job job = jobs.get(ctx.pathParam("id"));
            String name = ctx.pathParam("name");
            Path file = JobFiles.resolve(job, name);
            if (file == null || !Files.isRegularFile(file)) {
                throw new ApiError(404, file == null ? "no file '" + shorten(name) + "': one of " + String.join(", ", JobFiles.DOWNLOADS)
                        : "job " + job.id() + " has no " + name + (job.finished() ? "" : " yet (it is " + job.state() + ")"));
            }
            if (!"inline".equals(ctx.queryParam("view"))) {
                ctx.header("Content-Disposition", "attachment; filename=\"dip-" + job.id() + "-" + JobFiles.DOWNLOADS.get(JobFiles.DOWNLOADS.indexOf(name)) + "\"");
            }
            ctx.contentType(JobFiles.contentType(name)).result(Files.readAllBytes(file));
        });
        app.get("/api/jobs/{id}/live/{which}", ctx -> {
            Job job = jobs.get(ctx.pathParam("id"));
            String which = ctx.pathParam("which");
            byte[] png = which.equals("output.png") ? job.previewBytes("output") : which.equals("average.png") ? job.previewBytes("average") : null;
            if (png == null) {
                throw new ApiError(404, "no preview '" + shorten(which) + "' (output.png or average.png, while the job runs)");
            }
            ctx.contentType("image/png").result(png);
        });
        app.get("/api/jobs/{id}/images/{which}", ctx -> {
            Job job = jobs.get(ctx.pathParam("id"));
            String which = ctx.pathParam("which");
            Path file;
            if (which.equals("input.png") && INPUT_FILE.matcher(String.valueOf(job.spec("inputFile"))).matches()) {
                file = job.dir().resolve(String.valueOf(job.spec("inputFile")));
            } else if (which.equals(JobFiles.MASK)) {
                file = job.dir().resolve(JobFiles.MASK);
            } else {
                throw new ApiError(404, "no image '" + shorten(which) + "' (input.png or mask.png)");
            }
            if (!Files.isRegularFile(file)) {
                throw new ApiError(404, "job " + job.id() + " has no " + which);
            }
            try {
                ctx.contentType("image/png").result(ImageFiles.encodePng(ImageFiles.read(file).image()));
            } catch (ImageReadException e) {
                throw new ApiError(404, "the job's " + which + " cannot be read");
            }
        });
    }

    private void page(Context ctx) { ctx.contentType("text/html; charset=utf-8").result(assets.get("index.html")); }

    /** The form's choices: each task's defaults (the CLI's) under the fast recipe and, in "recipes", under each recipe; the nets, the limits. */
    private Map<String, Object> config() {
        Map<String, Object> recipes = new LinkedHashMap<>();
        for (Recipe.Family f : Recipe.Family.values()) {
            recipes.put(f.key(), defaults(f));
        }
        return Map.of("tasks", recipes.get(Recipe.Family.FAST.key()), "recipes", recipes, "presets", NetPresets.names(),
                "limits", Map.of("maxUploadBytes", limits.maxUploadBytes(), "maxPixels", limits.maxPixels()));
    }

    /** Each task's defaults (iterations, stop rule, net preset, seed) under the recipe {@code family}, by the form's task name. */
    private static Map<String, Object> defaults(Recipe.Family family) {
        Map<String, Object> tasks = new LinkedHashMap<>();
        tasks.put("denoise", defaults(RestoreConfig.recipe(TaskSpec.Kind.DENOISE, 1, family)));
        tasks.put("jpeg", defaults(RestoreConfig.recipe(TaskSpec.Kind.JPEG, 1, family)));
        for (int f : JobRequests.SCALES) {
            tasks.put("super-resolve-" + f, defaults(RestoreConfig.recipe(TaskSpec.Kind.SUPER_RESOLVE, f, family)));
        }
        tasks.put("inpaint", defaults(RestoreConfig.recipe(TaskSpec.Kind.INPAINT, 1, family)));
        return tasks;
    }

    private static Map<String, Object> defaults(Recipe r) {
        return Map.of("iterations", r.iterations(), "stop", r.autoStop() ? "auto" : "fixed", "preset", r.preset(), "seed", 0);
    }

    private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dip/web/static/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts listening; returns the port (useful with port 0: any free one). */
    int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    Jobs jobs() { return jobs; }

    List<String> assetNames() { return List.copyOf(assets.keySet()); }

    /** Stops the running fit (it keeps its result), then the server. */
    @Override
    public void close() {
        jobs.close();
        app.stop();
    }
}
