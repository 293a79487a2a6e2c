package dip.app;

import dip.fit.CheckpointException;
import dip.fit.FitDivergedException;
import dip.image.ImageReadException;
import dip.image.ImageWriteException;
import dip.restore.Rerun;

/**
 * How a failure reaches the user of the CLI or the Spark job: one line on stderr starting with {@code dip: }, and the
 * documented exit code ({@link ExitCode}); a stack trace only for an internal error with {@code -Ddip.debug=true}.
 */
public final class Failures {
    private Failures() {}

    /** Prints the failure's one line on stderr and returns its exit code. */
    public static int report(Throwable ex) {
        int code;
        if (ex instanceof UserError u) {
            code = u.exitCode();
        } else if (ex instanceof ImageReadException || ex instanceof Rerun.InputChangedException) {
            code = ExitCode.INPUT;
        } else if (ex instanceof ImageWriteException) {
            code = ExitCode.OUTPUT;
        } else if (ex instanceof CheckpointException c) {
            code = c.writing() ? ExitCode.OUTPUT : ExitCode.INPUT;
        } else if (ex instanceof FitDivergedException) {
            System.err.println("dip: " + firstLine(ex).replace("a lower learning rate usually helps", "try a lower --lr"));
            return ExitCode.DIVERGED;
        } else if (ex instanceof OutOfMemoryError || isNativeOutOfMemory(ex)) {
            System.err.println("dip: out of memory for this image and net; try a smaller image or net");
            return ExitCode.MEMORY;
        } else if (ex instanceof IllegalArgumentException) {
            code = ExitCode.USAGE;
        } else {
            System.err.println("dip: internal error: " + firstLine(ex));
            if (Boolean.getBoolean("dip.debug")) {
                ex.printStackTrace();
            }
            return ExitCode.INTERNAL;
        }
        System.err.println("dip: " + firstLine(ex));
        return code;
    }

    /** The first line of a failure's message (its class name when it has none). */
    public static String firstLine(Throwable ex) {
        return dip.engine.NativeErrors.firstLine(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
    }

    private static boolean isNativeOutOfMemory(Throwable ex) {
        String m = ex.getMessage();
        return m != null && (m.contains("DefaultCPUAllocator: not enough memory") || m.contains("std::bad_alloc"));
    }
}
