package dip.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dip.app.FitReport;
import dip.app.MemoryCheck;
import dip.app.ProvenanceTables;
import dip.engine.NativeErrors;
import dip.fit.FitDivergedException;
import dip.fit.FitListener;
import dip.fit.Progress;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageWriteException;
import dip.restore.Provenance;
import dip.restore.RestoreConfig;
import dip.restore.Restoration;
import dip.restore.Restorer;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jobs of one server: every job by id (those of earlier servers loaded from {@code WORK/jobs}), the queue, and the
 * one thread that fits, one job at a time (the CPU is the limit). Each fit is one {@link Restorer} run; its progress
 * goes to the job's event streams, its results (NAME.png + NAME.json for output and average, the CLI's report page)
 * to the job's folder.
 */
final class Jobs implements AutoCloseable {
    /** Job ids: 128 random bits, URL-safe base64. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Least time between two progress events of a running job. */
    private static final long EVENT_MILLIS = 150;

    private final Path root;
    private final Limits limits;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<SseClient>> clients = new ConcurrentHashMap<>();
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Thread worker;
    private Job running;
    private boolean closing;

    Jobs(Path work, Limits limits) throws IOException {
        this.root = work.resolve("jobs");
        this.limits = limits;
        Files.createDirectories(root);
        loadFinished();
        worker = new Thread(this::work, "dip-fit");
        worker.setDaemon(true);
        worker.start();
    }

    private void loadFinished() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String id = dir.getFileName().toString();
                if (!ID.matcher(id).matches() || !Files.isRegularFile(dir.resolve(Job.FILE))) {
                    continue;
                }
                try {
                    Job job = Job.load(id, dir, json);
                    jobs.put(id, job);
                    if (job.recovered()) {
                        job.save(json);
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("dip serve: skipping " + dir + ": " + e.getMessage());
                }
            }
        }
    }

    /** A fresh random job id and its folder. */
    String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Path folder(String id) { return root.resolve(id); }

    /** The job with this id; a 404 {@link ApiError} otherwise (also for a string that is no id at all). */
    Job get(String id) {
        Job j = id != null && ID.matcher(id).matches() ? jobs.get(id) : null;
        if (j == null) {
            throw new ApiError(404, "no job " + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id));
        }
        return j;
    }

    /** Every job, newest first. */
    List<Job> all() {
        List<Job> list = new ArrayList<>(jobs.values());
        list.sort(Comparator.comparing(Job::created).reversed());
        return list;
    }

    /** Queues a new job; returns its position (1: next). */
    int submit(Job job) {
        try {
            job.save(json);
        } catch (IOException e) {
            JobRequests.deleteQuietly(job.dir());
            throw new ApiError(500, "cannot store the job: " + e.getMessage());
        }
        jobs.put(job.id(), job);
        synchronized (this) {
            queue.addLast(job);
            notifyAll();
            return position(job);
        }
    }

    /** 1-based place in the queue of a waiting job, 0 otherwise. */
    synchronized int position(Job job) {
        int k = 1;
        for (Job q : queue) {
            if (q == job) {
                return k;
            }
            k++;
        }
        return 0;
    }

    Map<String, Object> describe(Job job, boolean withCurve) { return job.toJson(withCurve, position(job)); }

    /** Stop: a waiting job is cancelled; a running fit ends after its current iteration and keeps its result. */
    void stop(Job job) {
        boolean cancelled;
        synchronized (this) {
            cancelled = queue.remove(job);
        }
        job.requestStop();
        if (cancelled) {
            job.finish("cancelled", null, null);
            saveQuietly(job);
            broadcastState(job, true);
            broadcastPositions();
        }
    }

    /** A page (or script) follows the job: the state now, then progress events, then the final state. */
    void follow(Job job, SseClient client) {
        List<SseClient> list = clients.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>());
        list.add(client);
        client.onClose(() -> list.remove(client));
        send(client, "state", describe(job, true));
        if (job.finished()) {
            list.remove(client);
            client.close();
        }
    }

    private void work() {
        while (true) {
            Job job;
            synchronized (this) {
                while (queue.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closing) {
                    return;
                }
                job = queue.removeFirst();
                running = job;
            }
            broadcastPositions();
            try {
                run(job);
            } finally {
                synchronized (this) {
                    running = null;
                }
                saveQuietly(job);
                broadcastState(job, true);
            }
        }
    }

    private void run(Job job) {
        RestoreConfig config = job.config();
        try (Restorer restorer = new Restorer(config)) {
            restorer.withRunsAtOnce(MemoryCheck.fitsAtOnce(restorer.runsAtOnce(), restorer::estimatedBytes));
            long need = restorer.estimatedBytes();
            long available = MemoryCheck.availableBytes();
            if (available > 0 && need > available) {
                job.finish("failed", String.format(Locale.ROOT, "this fit needs about %.1f GiB of memory but %.1f GiB is available:"
                        + " use a smaller image (crop or downscale it) or a smaller net", need / (double) (1L << 30),
                        available / (double) (1L << 30)), null);
                return;
            }
            if (!job.start(restorer)) {
                job.finish("cancelled", null, null);
                return;
            }
            saveQuietly(job);
            broadcastState(job, false);
            FitReport report = new FitReport();
            Live live = new Live(job);
            Restoration result = restorer.run(FitListener.all(report, live));
            live.flush();
            if (result.output() == null) { // stopped before its first iteration ended
                job.finish("stopped", "stopped before the first iteration: there is no result to keep", null);
                return;
            }
            Path dir = job.dir();
            result.writeOutput(dir.resolve("output.png"), 8);
            result.writeAverage(dir.resolve("average.png"), 8);
            Map<String, Image> images = new LinkedHashMap<>();
            images.put("input", restorer.task().observation());
            images.put("output", result.output());
            images.put("average", result.average());
            if (config.reference() != null) {
                images.put("reference", config.reference());
            }
            Provenance p = result.provenance();
            report.write(dir.resolve(JobFiles.REPORT_DIR), job.spec("label") + ": " + job.spec("input"), images,
                    ProvenanceTables.settings(p, Path.of(String.valueOf(job.spec("inputFile")))),
                    ProvenanceTables.results(p, Path.of("output.png")));
            job.finish(result.stopped() ? "stopped" : "done", null, summary(p));
        } catch (FitDivergedException e) {
            job.finish("failed", NativeErrors.firstLine(e.getMessage()), null);
        } catch (OutOfMemoryError e) {
            job.finish("failed", "out of memory for this image and net; try a smaller image or net", null);
        } catch (ImageWriteException e) {
            job.finish("failed", "cannot write the result: " + NativeErrors.firstLine(e.getMessage()), null);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : NativeErrors.firstLine(e.getMessage());
            if (m.contains("not enough memory") || m.contains("bad_alloc")) {
                job.finish("failed", "out of memory for this image and net; try a smaller image or net", null);
            } else {
                System.err.println("dip serve: job " + job.id() + " failed:");
                e.printStackTrace();
                job.finish("failed", "internal error: " + m, null);
            }
        }
    }

    private static Map<String, Object> summary(Provenance p) {
        Provenance.Result r = p.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", r.iterations());
        m.put("outputIteration", r.outputIteration());
        m.put("stoppedBy", r.stoppedBy());
        m.put("seconds", r.seconds());
        m.put("backtracks", r.backtracks());
        if (r.endedWithStateOf() != null) {
            m.put("endedWithStateOf", r.endedWithStateOf());
        }
        if (r.fp32From() != null) {
            m.put("fp32From", r.fp32From());
        }
        if (r.outputScores() != null) {
            m.put("psnrOutput", r.outputScores().psnr());
            m.put("psnrAverage", r.averageScores().psnr());
            if (r.input() != null) {
                m.put("psnrInput", r.input().psnr());
            }
        }
        return m;
    }

    /** Records every iteration; sends progress (and previews, as often as the limits say) to the job's streams. */
    private final class Live implements FitListener {
        private final Job job;
        private long lastEvent;
        private long lastPreview;
        private int sent;

        Live(Job job) {
            this.job = job;
            this.sent = job.curveSize();
        }

        @Override
        public void onIteration(Progress p) {
            job.record(p.iteration(), p.iterations(), p.loss(), p.psnrOutput(), p.psnrAverage(), p.elapsedSeconds());
            long now = System.nanoTime();
            if (p.iteration() == 1 || now - lastPreview >= limits.previewMillis() * 1_000_000L) {
                job.preview(ImageFiles.encodePng(p.output().get().clamped()), ImageFiles.encodePng(p.average().get().clamped()));
                lastPreview = now;
                lastEvent = 0; // a new preview goes out at once
            }
            if (now - lastEvent >= EVENT_MILLIS * 1_000_000L || p.iteration() == p.iterations()) {
                lastEvent = now;
                flush();
            }
        }

        void flush() {
            List<double[]> rows = job.curveFrom(sent);
            sent += rows.size();
            Map<String, Object> m = job.toJson(false, 0);
            Map<String, Object> e = new LinkedHashMap<>();
            for (String k : List.of("iteration", "iterations", "seconds", "eta", "preview")) {
                if (m.containsKey(k)) {
                    e.put(k, m.get(k));
                }
            }
            e.put("rows", Job.rows(rows));
            broadcast(job, "progress", e);
        }
    }

    private void broadcastPositions() {
        List<Job> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(queue);
        }
        waiting.forEach(j -> broadcastState(j, false));
    }

    private void broadcastState(Job job, boolean last) {
        broadcast(job, "state", describe(job, false));
        if (last) {
            List<SseClient> list = clients.remove(job.id());
            if (list != null) {
                list.forEach(SseClient::close);
            }
        }
    }

    private void broadcast(Job job, String event, Map<String, Object> data) {
        List<SseClient> list = clients.get(job.id());
        if (list != null) {
            for (SseClient c : list) {
                send(c, event, data);
            }
        }
    }

    private void send(SseClient client, String event, Map<String, Object> data) {
        try {
            String text = json.writeValueAsString(data);
            synchronized (client) {
                if (!client.terminated()) {
                    client.sendEvent(event, text);
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // a page that went away: its stream is dropped on close
        }
    }

    private void saveQuietly(Job job) {
        try {
            job.save(json);
        } catch (IOException e) {
            System.err.println("dip serve: cannot save job " + job.id() + ": " + e.getMessage());
        }
    }

    ObjectMapper json() { return json; }

    /** Stops the running fit (it keeps its result) and the worker. */
    @Override
    public void close() {
        Job r;
        synchronized (this) {
            closing = true;
            r = running;
            notifyAll();
        }
        if (r != null) {
            r.requestStop();
        }
        try {
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
