package dip.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the JVM's exit away from running native work. On Ctrl-C or SIGTERM the JVM runs its shutdown
 * hooks and then exits the process, which runs libtorch's static destructors (oneDNN's primitive cache
 * among them); a thread still inside a convolution then calls into freed memory and the process dies
 * with SIGSEGV and a crash report instead of exiting (measured: 1 in 4 SIGTERMs during
 * {@code bench speed}, and a {@code bench quality} run killed mid-fit).
 *
 * <p>Long native work (each fitting iteration) runs inside a {@link Section}. The guard's shutdown hook
 * first runs the registered exit actions (a command that saves its partial results asks its fit to stop
 * and waits for the files), then lets no new section start and waits for the running ones to end; a
 * thread that tries to start one after that parks until the process is gone.
 */
public final class ExitGuard {
    /** Longest wait for a running section (one iteration of a large fit takes seconds, not minutes). */
    private static final long DRAIN_SECONDS = 300;

    private static final Object LOCK = new Object();
    private static final List<Runnable> EXIT_ACTIONS = new CopyOnWriteArrayList<>();
    private static int running;
    private static boolean exiting;
    private static boolean installed;

    private ExitGuard() {}

    /** Installs the shutdown hook once; {@link Engine#init(int)} calls it. */
    static void install() {
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            installed = true;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::drain, "dip-exit-guard"));
    }

    /** Runs {@code action} when the JVM starts to exit, before sections are drained; it may block. */
    public static void onExit(Runnable action) {
        EXIT_ACTIONS.add(action);
    }

    public static void removeOnExit(Runnable action) {
        EXIT_ACTIONS.remove(action);
    }

    /** Enters a stretch of native work; parks for good if the JVM is already exiting. */
    public static Section enter() {
        synchronized (LOCK) {
            while (exiting) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    // Keep waiting: the process is about to end and must not re-enter native code.
                }
            }
            running++;
        }
        return new Section();
    }

    private static void drain() {
        for (Runnable action : EXIT_ACTIONS) {
            action.run();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        synchronized (LOCK) {
            exiting = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A stretch of native work that the JVM's exit waits for. */
    public static final class Section implements AutoCloseable {
        private boolean closed;

        private Section() {}

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (LOCK) {
                running--;
                LOCK.notifyAll();
            }
        }
    }
}
