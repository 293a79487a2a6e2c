package dip.engine;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.global.torch;

/**
 * Native set-up for libtorch: loading the libraries once, threads and the random seed.
 * Every entry point of the library calls {@link #init(int)} before touching a tensor.
 */
public final class Engine {
    private static boolean loaded;
    private static int threads;
    /**
     * The generator random tensors are drawn from on each thread: set by {@link #seed} or handed over with
     * {@link #useGenerator}; libtorch's default one where neither happened. Several fits in one JVM at once (a
     * Spark executor's task slots) then draw each from its own stream, so each is what its seed says.
     */
    private static final ThreadLocal<Generator> GENERATOR = new ThreadLocal<>();

    private Engine() {}

    /** Loads the natives (once per JVM) and sets the intra-op thread count for the calling thread. */
    public static synchronized void init(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threadCount);
        }
        if (!loaded) {
            NativeLoader.load();
            ExitGuard.install();
            // One inter-op thread: DIP runs one graph at a time and extra pools only compete for cores.
            torch.set_num_interop_threads(1);
            // NNPACK is never the fastest path for batch-1 convolutions, and on CPUs it does not know
            // (AMD Zen 5) its failed start-up prints a warning at every convolution.
            torch.globalContext().setUserEnabledNNPACK(false);
            // A fit's gradients drift into the denormal range, where x86 arithmetic is many times slower:
            // flushing them to zero took fp32 at 128² from 0.45 to 0.08 s per iteration in one run (AMD Zen 5).
            // -Ddip.keepDenormals=true keeps them, for comparison.
            if (!Boolean.getBoolean("dip.keepDenormals")) {
                torch.globalContext().setFlushDenormal(true);
            }
            loaded = true;
        }
        // OpenMP's thread count is a per-thread setting: set it on the thread that will compute.
        torch.set_num_threads(threadCount);
        threads = threadCount;
    }

    /** The thread count last set with {@link #init(int)}; 0 before any init. */
    public static synchronized int threads() { return threads; }

    /** Number of cores visible to the JVM: the default thread count. */
    public static int defaultThreads() { return Runtime.getRuntime().availableProcessors(); }

    /**
     * Gives the calling thread a fresh CPU generator seeded with {@code seed} (the same stream libtorch's default
     * generator gives after {@code manual_seed}): with the same seed and threads a CPU fit is bit-for-bit repeatable,
     * also while other threads of the JVM fit at the same time.
     */
    public static void seed(long seed) {
        Generator g = torch.createCPUGenerator(seed);
        g.retainReference(); // outlives the Scope it may be created in (a Restorer releases its own when closed)
        GENERATOR.set(g);
    }

    /** The calling thread's generator: the one {@link #seed} or {@link #useGenerator} set, else libtorch's default one. */
    public static Generator generator() {
        Generator g = GENERATOR.get();
        return g != null ? g : torch.getDefaultCPUGenerator();
    }

    /**
     * Makes {@code g} the calling thread's generator (null: libtorch's default) and returns the one it replaces, so a
     * restoration built on one thread continues its own stream on another.
     */
    public static Generator useGenerator(Generator g) {
        Generator before = GENERATOR.get();
        GENERATOR.set(g);
        return before;
    }

    /** The state of the calling thread's generator (to checkpoint a fit and continue it bit for bit). */
    public static Tensor rngState() {
        return new Tensor(generator().get_state()).keep();
    }

    public static void setRngState(Tensor state) {
        generator().set_state(state.raw());
    }

    /** libtorch's version string as bundled, for provenance. */
    public static String version() {
        try {
            return "libtorch " + Loader.getVersion("org.bytedeco", "pytorch");
        } catch (java.io.IOException e) {
            return "libtorch (unknown version)";
        }
    }

    /**
     * Hands the memory that freed tensors left in the C heap back to the system (glibc's malloc_trim). The
     * launcher's allocator settings keep freed blocks for the next iteration, which removes the page faults
     * of every iteration but would hold a long-running process (the web server, a batch) at its largest fit's
     * peak; a restorer calls this when it is closed. A no-op where the C library has no such call.
     */
    public static void releaseFreedMemory() {
        org.bytedeco.javacpp.Pointer.trimMemory();
    }
}
