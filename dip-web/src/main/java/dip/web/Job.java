package dip.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dip.io.AtomicFiles;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One restoration asked for through the page or the API: what to do (task, options, the files in its own folder),
 * where it stands (queued, running, done, stopped, failed, cancelled), the fit's curve and, while it runs, the latest
 * previews. Its state is saved as {@code job.json} in its folder at every change of state, so finished jobs survive a
 * restart of the server. Thread-safe: the fitting thread writes, HTTP threads read.
 */
final class Job {
    static final String FILE = "job.json";
    static final List<String> TERMINAL = List.of("done", "stopped", "failed", "cancelled");

    private final String id;
    private final Path dir;
    private final Map<String, Object> spec; // task, scale, options, image sizes, the upload's name: fixed at creation
    private final Instant created;
    private String state;
    private Instant started;
    private Instant ended;
    private String error;
    private int iteration;
    private int iterations;
    private double elapsed;
    private Map<String, Object> result;
    // the curve: one row per iteration (iteration, loss, PSNR output, PSNR average; NaN when not evaluated)
    private final List<double[]> curve = new ArrayList<>();
    // Only while queued or running, never saved:
    private transient RestoreConfig config;
    private transient Restorer restorer;
    private transient boolean stopRequested;
    private transient byte[] previewOutput;
    private transient byte[] previewAverage;
    private transient int previewVersion;
    private transient boolean recovered;

    Job(String id, Path dir, Map<String, Object> spec, RestoreConfig config) {
        this.id = id;
        this.dir = dir;
        this.spec = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spec));
        this.config = config;
        this.created = Instant.now();
        this.state = "queued";
        this.iterations = config.iterations();
    }

    private Job(String id, Path dir, Map<String, Object> spec, Instant created) {
        this.id = id;
        this.dir = dir;
        this.spec = spec;
        this.created = created;
    }

    String id() { return id; }

    Instant created() { return created; }

    /** Whether this job was loaded unfinished from an earlier server, and marked failed (to be saved again). */
    boolean recovered() { return recovered; }

    Path dir() { return dir; }

    synchronized String state() { return state; }

    synchronized boolean finished() { return TERMINAL.contains(state); }

    synchronized RestoreConfig config() { return config; }

    Object spec(String key) { return spec.get(key); }

    /** The fit starts: the restorer to stop, if asked. Returns false when a stop came first (then it does not run). */
    synchronized boolean start(Restorer r) {
        restorer = r;
        if (stopRequested) {
            return false;
        }
        state = "running";
        started = Instant.now();
        return true;
    }

    /** Stop: a queued job is cancelled by its queue; a running fit ends after the current iteration, keeping its result. */
    synchronized void requestStop() {
        stopRequested = true;
        if (restorer != null) {
            restorer.requestStop();
        }
    }

    synchronized boolean stopRequested() { return stopRequested; }

    /** Records an iteration; returns the rows not yet sent when {@code flush}. */
    synchronized void record(int it, int total, double loss, double psnrOut, double psnrAvg, double seconds) {
        iteration = it;
        iterations = total;
        elapsed = seconds;
        curve.add(new double[] {it, loss, psnrOut, psnrAvg});
    }

    synchronized List<double[]> curveFrom(int index) { return new ArrayList<>(curve.subList(Math.min(index, curve.size()), curve.size())); }

    synchronized int curveSize() { return curve.size(); }

    synchronized void preview(byte[] output, byte[] average) {
        previewOutput = output;
        previewAverage = average;
        previewVersion++;
    }

    synchronized int previewVersion() { return previewVersion; }

    /** The latest preview PNG of "output" or "average", or null before the first. */
    synchronized byte[] previewBytes(String which) { return which.equals("output") ? previewOutput : previewAverage; }

    /** Ends the job: done, stopped, failed or cancelled, with an error message or the result's summary. */
    synchronized void finish(String how, String message, Map<String, Object> summary) {
        state = how;
        ended = Instant.now();
        error = message;
        result = summary;
        config = null;
        restorer = null;
        previewOutput = null;
        previewAverage = null;
    }

    /** The job as the API shows it; {@code withCurve} adds every row of the curve. */
    synchronized Map<String, Object> toJson(boolean withCurve, int queuePosition) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("url", "/jobs/" + id);
        m.put("state", state);
        if (queuePosition > 0) {
            m.put("position", queuePosition);
        }
        m.putAll(spec);
        m.put("created", created.toString());
        if (started != null) {
            m.put("started", started.toString());
        }
        if (ended != null) {
            m.put("finished", ended.toString());
        }
        m.put("iteration", iteration);
        m.put("iterations", iterations);
        m.put("seconds", elapsed);
        if (state.equals("running") && iteration > 0) {
            m.put("eta", elapsed / iteration * (iterations - iteration));
        }
        m.put("preview", previewVersion);
        if (error != null) {
            m.put("error", error);
        }
        if (result != null) {
            m.put("result", result);
        }
        List<String> files = new ArrayList<>();
        for (String f : JobFiles.DOWNLOADS) {
            if (Files.isRegularFile(JobFiles.resolve(this, f))) {
                files.add(f);
            }
        }
        m.put("files", files);
        if (withCurve) {
            m.put("curve", rows(curve));
        }
        return m;
    }

    static List<List<Double>> rows(List<double[]> rows) {
        List<List<Double>> out = new ArrayList<>(rows.size());
        for (double[] r : rows) {
            List<Double> row = new ArrayList<>(4);
            for (double v : r) {
                row.add(Double.isFinite(v) ? v : null);
            }
            out.add(row);
        }
        return out;
    }

    /** Saves the job to its folder (atomically). */
    void save(ObjectMapper json) throws IOException {
        Map<String, Object> m;
        synchronized (this) {
            m = toJson(true, 0);
        }
        m.put("spec", spec);
        AtomicFiles.writeString(dir.resolve(FILE), json.writeValueAsString(m));
    }

    /**
     * A job saved by an earlier server. One that had not finished (the server stopped during its fit or while it
     * waited) is loaded as failed, saying so.
     */
    @SuppressWarnings("unchecked")
    static Job load(String id, Path dir, ObjectMapper json) throws IOException {
        JsonNode n = json.readTree(Files.readString(dir.resolve(FILE)));
        Map<String, Object> spec = json.convertValue(n.get("spec"), Map.class);
        Job job = new Job(id, dir, spec == null ? Map.of() : spec, Instant.parse(n.path("created").asText()));
        job.state = n.path("state").asText("failed");
        job.started = n.hasNonNull("started") ? Instant.parse(n.get("started").asText()) : null;
        job.ended = n.hasNonNull("finished") ? Instant.parse(n.get("finished").asText()) : null;
        job.iteration = n.path("iteration").asInt();
        job.iterations = n.path("iterations").asInt();
        job.elapsed = n.path("seconds").asDouble();
        job.error = n.hasNonNull("error") ? n.get("error").asText() : null;
        job.result = n.hasNonNull("result") ? json.convertValue(n.get("result"), Map.class) : null;
        for (JsonNode row : n.path("curve")) {
            double[] r = new double[4];
            for (int k = 0; k < 4; k++) {
                r[k] = row.path(k).isNumber() ? row.path(k).asDouble() : Double.NaN;
            }
            job.curve.add(r);
        }
        if (!job.finished()) {
            job.state = "failed";
            job.error = "the server stopped before this job finished";
            job.recovered = true;
        }
        return job;
    }
}
