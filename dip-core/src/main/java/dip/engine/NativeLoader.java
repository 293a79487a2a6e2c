package dip.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads JavaCPP's natives (javacpp, openblas, torch) from the Maven jars, in a fixed order.
 *
 * First-run guard: JavaCPP extracts the natives into its cache directory the first time they are
 * loaded, and creates the symbolic links between the presets' folders (libgomp, libopenblas, ...)
 * only while it loads. A JVM that does this on an empty cache was seen to crash (SIGSEGV in
 * pthread_mutex_lock while loading); every later JVM, which finds the cache complete, works. So the
 * very first load happens in a short-lived child JVM ({@link #main}); once it has succeeded it leaves a
 * marker in the cache and every JVM after it (including the one that spawned it) loads directly.
 */
final class NativeLoader {
    private static final String MARKER_PREFIX = ".dip-natives-ready-";

    private NativeLoader() {}

    static synchronized void load() {
        Path marker = marker();
        if (marker != null && !Files.exists(marker) && !Boolean.getBoolean("dip.noWarmup")) {
            warmUpInChildJvm();
        }
        loadHere();
        if (marker != null && !Files.exists(marker)) {
            writeMarker(marker);
        }
    }

    private static void loadHere() {
        Loader.load(openblas_nolapack.class);
        Loader.load(torch.class);
    }

    /** Entry point of the child JVM: extract and load everything, then leave the marker. */
    public static void main(String[] args) {
        loadHere();
        torch.ones(2, 2).sum().item_float();
        Path marker = marker();
        if (marker != null) {
            writeMarker(marker);
        }
    }

    private static void warmUpInChildJvm() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Ddip.noWarmup=true"));
        String cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cacheDir != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeLoader.class.getName()));
        // Two tries: a crash on the empty cache leaves a partly populated one that the retry completes.
        for (int attempt = 0; attempt < 2 && !Files.exists(marker()); attempt++) {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                return; // cannot spawn a JVM here: load in-process, as JavaCPP would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Path marker() {
        try {
            File dir = Loader.getCacheDir();
            String version = Loader.getVersion("org.bytedeco", "pytorch");
            return dir.toPath().resolve(MARKER_PREFIX + (version == null ? "unknown" : version));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void writeMarker(Path marker) {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "loaded by " + System.getProperty("java.version") + "\n");
        } catch (IOException e) {
            // the marker only saves the warm-up next time
        }
    }
}
