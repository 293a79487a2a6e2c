package dip.app;

/** The documented exit codes (docs/CLI.md, "Exit codes"): the CLI's, the Spark job's and its manifest's. */
public final class ExitCode {
    public static final int OK = 0;
    /** An unexpected internal error. */
    public static final int INTERNAL = 1;
    /** Bad command line: unknown option, bad value. */
    public static final int USAGE = 2;
    /** An input cannot be used: missing, not an image, corrupt, wrong size. */
    public static final int INPUT = 3;
    /** An output cannot be written: missing or read-only directory, same as the input. */
    public static final int OUTPUT = 4;
    /** The fit diverged before any good iteration: there is no state to keep (a later divergence ends with the best state, exit 0). */
    public static final int DIVERGED = 5;
    /** Not enough memory for this image and net. */
    public static final int MEMORY = 6;
    /** Interrupted (Ctrl-C) after writing what was done so far. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
