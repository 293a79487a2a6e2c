package dip.fit;

/** Watches a fit: progress display, logs, snapshots. Called on the fitting thread. */
public interface FitListener {
    void onIteration(Progress p);

    default void onBacktrack(int iteration, double dropDb) {}

    /** Something the user should know about the fit, as one line (a switch to fp32, an end at the best state). */
    default void onNote(int iteration, String message) {}

    FitListener NONE = p -> {};

    static FitListener all(FitListener... listeners) {
        return new FitListener() {
            @Override
            public void onIteration(Progress p) {
                for (FitListener l : listeners) {
                    l.onIteration(p);
                }
            }

            @Override
            public void onBacktrack(int iteration, double dropDb) {
                for (FitListener l : listeners) {
                    l.onBacktrack(iteration, dropDb);
                }
            }

            @Override
            public void onNote(int iteration, String message) {
                for (FitListener l : listeners) {
                    l.onNote(iteration, message);
                }
            }
        };
    }
}
