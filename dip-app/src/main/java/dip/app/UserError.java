package dip.app;

/** A mistake the user can fix: printed as one line on stderr, with its exit code. */
public class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
