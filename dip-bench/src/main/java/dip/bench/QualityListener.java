package dip.bench;

/**
 * What a quality benchmark reports while it runs; the benchmark itself never prints. Called on the fitting
 * thread. Every method does nothing by default.
 */
public interface QualityListener {
    /** Image {@code index} of {@code count} (1-based) begins; {@code reused}: its row is already in results.csv. */
    default void onImageStart(int index, int count, String image, boolean reused) {}

    /** After every iteration of a fit. */
    default void onIteration(ImageProgress p) {}

    default void onImageDone(ImageResult result, boolean reused) {}

    /** Something worth telling the user: skipped files, published.csv matching, dropped alpha channels. */
    default void onNote(String message) {}

    QualityListener NONE = new QualityListener() {};

    /**
     * Progress of one fit and the whole run.
     *
     * @param imageSeconds wall time of this fit so far
     * @param etaSeconds   estimated time left for the whole run, from the seconds per pixel-iteration so far
     */
    record ImageProgress(int index, int count, String image, int iteration, int iterations, double loss,
                         double imageSeconds, double etaSeconds) {}
}
