package dip.web;

import dip.engine.Engine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./dip serve}: the web page for restorations (mask painting, live progress, downloads). */
@Command(name = "dip serve", sortOptions = false,
        description = {"A local web page: open an image, paint an inpainting mask, watch the fit, stop it, download the result.",
                "One fit at a time; others wait in a queue. Finished jobs are kept in --work and survive a restart."})
public final class Serve implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only;"
            + " anything else lets the network in, without any login).")
    String host;

    @Option(names = "--work", paramLabel = "DIR", description = "Where jobs and their results are kept (default: ~/.dip/serve).")
    Path work;

    @Option(names = "--max-upload-mb", defaultValue = "25", description = "Largest upload, per file, in MB (default: ${DEFAULT-VALUE}).")
    int maxUploadMb;

    @Option(names = "--max-pixels", defaultValue = "4000000", description = "Largest image in pixels, width × height (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--threads", description = "CPU threads of a fit (default: all cores).")
    Integer threads;

    @Option(names = "--preview-ms", defaultValue = "500", description = "Least time between two previews of a running fit (default: ${DEFAULT-VALUE}).")
    int previewMs;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || maxUploadMb < 1 || maxPixels < 4 || previewMs < 0 || threads != null && threads < 1) {
            System.err.println("dip: bad value: --port 0..65535, --max-upload-mb ≥ 1, --max-pixels ≥ 4, --threads ≥ 1, --preview-ms ≥ 0");
            return 2;
        }
        Path dir = work != null ? work : Path.of(System.getProperty("user.home"), ".dip", "serve");
        Limits limits = new Limits(maxUploadMb * 1_000_000L, maxPixels, threads != null ? threads : Engine.defaultThreads(), previewMs);
        WebServer server = new WebServer(dir, limits);
        int actual;
        try {
            actual = server.start(host, port);
        } catch (RuntimeException e) {
            System.err.println("dip: cannot listen on " + host + ":" + port + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            server.close();
            return 4;
        }
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            System.err.println("dip: warning: listening on " + host + ": anyone who can reach this address can run fits and read results");
        }
        System.err.println("dip serve: open http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actual + "/  (jobs in " + dir
                + "; Ctrl-C stops, keeping the running fit's result)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dip-serve-stop"));
        Thread.currentThread().join();
        return 0;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new Serve());
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("dip: " + ex.getMessage());
            return 2;
        });
        System.exit(cl.execute(args));
    }
}
