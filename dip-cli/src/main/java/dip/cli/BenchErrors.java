package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import dip.bench.BenchInputException;

/** Maps the benchmarks' input problems to the documented exit codes. */
final class BenchErrors {
    private BenchErrors() {}

    static UserError toUserError(BenchInputException e) {
        int code = switch (e.problem()) {
            case UNKNOWN_IMAGE -> ExitCode.USAGE;
            case MISSING_FOLDER, NO_IMAGES, BAD_IMAGE, BAD_PUBLISHED -> ExitCode.INPUT;
            case BAD_RESULTS, CANNOT_WRITE -> ExitCode.OUTPUT;
        };
        return new UserError(code, e.getMessage());
    }
}
