package dip.cli;

import dip.app.ExitCode;
import dip.engine.ExitGuard;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a fit: the JVM runs its shutdown hooks; the engine's
 * {@link ExitGuard} runs ours first, which asks the fitter to stop after the current iteration and waits
 * until the command has written what it has, so a long fit is never lost. The process then exits with
 * status 130.
 */
final class Interrupts {
    private static final long WAIT_SECONDS = 120;
    private final Runnable onExit;
    private final CountDownLatch written = new CountDownLatch(1);
    private volatile boolean interrupted;

    private Interrupts(Runnable stop) {
        this.onExit = () -> {
            interrupted = true;
            stop.run();
            try {
                written.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** @param stop asks the running fit to finish after its current iteration */
    static Interrupts install(Runnable stop) {
        Interrupts i = new Interrupts(stop);
        ExitGuard.onExit(i.onExit);
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
        ExitGuard.removeOnExit(onExit);
    }
}
