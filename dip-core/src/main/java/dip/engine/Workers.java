package dip.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fits side by side: work on helper threads beside the caller's, the first failure of any of them kept, a callback
 * run once when it happens (to stop the others), and a join that waits for every helper, interrupted or not (a fit
 * still running must end before the memory it uses can go), then throws that failure. Each fit sets its own thread
 * count and generator on the thread it runs on ({@link Engine#init}, {@link Engine#useGenerator}).
 */
public final class Workers {
    private final List<Thread> helpers = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Runnable onFailure;

    /**
     * The threads each of {@code fits} independent fits computes on, given {@code threads}: 1 when there are several of
     * each (the fits then run side by side, one per thread: two fits on one thread each get more done than one fit on
     * two, docs/PERFORMANCE.md), else all of them. It depends only on these two counts, never on the memory or on how
     * many fits are left, so each fit's pixels are the same however many run at once.
     */
    public static int threadsPerFit(int threads, int fits) {
        return threads >= 2 && fits >= 2 ? 1 : threads;
    }

    /** How many of {@code fits} run at once at most: {@code threads} of them (at most all) on one thread each, else 1. */
    public static int mostAtOnce(int threads, int fits) {
        return threadsPerFit(threads, fits) == 1 ? Math.min(threads, fits) : 1;
    }

    /** @param onFailure run once, on the failing thread, when some work throws (e.g. to ask the others to stop) */
    public Workers(Runnable onFailure) {
        this.onFailure = onFailure;
    }

    /**
     * Starts {@code count} helper threads named {@code name}-1 … running {@code work}; none for a count of 0. Assign
     * this object where the work reads it before calling this.
     */
    public void start(int count, String name, Runnable work) {
        for (int i = 1; i <= count; i++) {
            Thread t = new Thread(() -> guard(work), name + "-" + i);
            t.setDaemon(true);
            helpers.add(t);
            t.start();
        }
    }

    /** Runs {@code work} on the calling thread, its failure kept like a helper's (and not thrown until {@link #join}). */
    public void runHere(Runnable work) { guard(work); }

    /** Whether some work has failed (the others should take no more). */
    public boolean failed() { return failure.get() != null; }

    /** Waits for every helper, then throws the first failure (a checked one wrapped), if any. */
    public void join() {
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    private void guard(Runnable work) {
        try {
            work.run();
        } catch (Throwable e) {
            if (failure.compareAndSet(null, e)) {
                onFailure.run();
            }
        }
    }
}
