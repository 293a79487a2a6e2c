package dip.fit;

/** Watches a fit: progress display, logs, snapshots. Called on the fitting thread. */
public interface FitListener {
    void onIteration(Progress p);

    default void onBacktrack(int iteration, double dropDb) {}

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
        };
    }
}
