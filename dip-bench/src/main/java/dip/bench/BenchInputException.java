package dip.bench;

/** A benchmark input the user can fix (missing folder, no images, unknown image name, bad published.csv). */
public final class BenchInputException extends RuntimeException {
    /** What is wrong: the CLI picks its exit code from this. */
    public enum Problem { MISSING_FOLDER, NO_IMAGES, UNKNOWN_IMAGE, BAD_IMAGE, BAD_PUBLISHED, BAD_RESULTS, CANNOT_WRITE }

    private final Problem problem;

    public BenchInputException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() { return problem; }
}
