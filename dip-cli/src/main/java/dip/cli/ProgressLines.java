package dip.cli;

/** When a benchmark prints its next progress line: every 10 seconds during a fit, and at its last iteration. */
final class ProgressLines {
    private static final double EVERY_SECONDS = 10;
    private long lastPrint = System.nanoTime();

    /** A fit begins: the next line is due in 10 seconds. */
    void restart() { lastPrint = System.nanoTime(); }

    /** Whether iteration {@code iteration} of {@code iterations} gets a line (then the clock restarts). */
    boolean due(int iteration, int iterations) {
        long now = System.nanoTime();
        if (iteration != iterations && (now - lastPrint) / 1e9 < EVERY_SECONDS) {
            return false;
        }
        lastPrint = now;
        return true;
    }
}
