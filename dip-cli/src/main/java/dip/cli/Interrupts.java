package dip.cli;

import dip.fit.Fitter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a fit: the JVM runs its shutdown hooks; ours asks the fitter to
 * stop after the current iteration and waits until the command has written what it has, so a long
 * fit is never lost. The process then exits with status 130.
 */
final class Interrupts {
    private static final long WAIT_SECONDS = 120;
    private final Thread hook;
    private final CountDownLatch written = new CountDownLatch(1);
    private volatile boolean interrupted;

    private Interrupts(Fitter fitter) {
        this.hook = new Thread(() -> {
            interrupted = true;
            fitter.requestStop();
            try {
                written.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dip-interrupt");
    }

    static Interrupts install(Fitter fitter) {
        Interrupts i = new Interrupts(fitter);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** Writes the partial results (only if a signal stopped the fit) and lets the JVM finish exiting. */
    int finish(Runnable writePartial) {
        try {
            writePartial.run();
        } finally {
            written.countDown();
        }
        if (interrupted) {
            // The JVM is already shutting down: block here so no further output is attempted.
            try {
                Thread.sleep(WAIT_SECONDS * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCode.INTERRUPTED;
    }

    void uninstall() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }
}
