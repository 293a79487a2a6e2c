package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The files one fit reads or writes besides its input and outputs: a reference, a log, snapshots, checkpoints. The
 * restoration commands' own (the task's options, shared with the other front-ends, are {@link dip.app.TaskOptions}).
 */
final class FitFileOptions {
    @Option(names = "--reference", paramLabel = "GT", description = "Ground truth: logs PSNR of the output and of the average against it.")
    Path reference;

    @Option(names = "--log", paramLabel = "CSV", description = "Write iteration, loss and PSNRs to this CSV file as the fit goes "
            + "(flushed every 2 s: follow it with tail -f); a --resume fit appends to it.")
    Path log;

    @Option(names = "--log-every", paramLabel = "N", description = "Write a --log row every N iterations, and the last one (default: 1).")
    Integer logEvery;

    /** Iterations between --log rows: --log-every, or 1. */
    int logEvery() { return logEvery == null ? 1 : logEvery; }

    @Option(names = "--save-every", paramLabel = "N", description = "Write the output and average every N iterations (needs --snapshots).")
    Integer saveEvery;

    @Option(names = "--snapshots", paramLabel = "DIR", description = "Directory for --save-every snapshots.")
    Path snapshots;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Save a checkpoint (OUTPUT.ckpt) every N iterations; one is always saved on Ctrl-C.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue the fit saved in CKPT (same input, options and seed); a seeded CPU run ends bit for bit as if never stopped.")
    Path resume;

    void validate() {
        if ((saveEvery == null) != (snapshots == null)) {
            throw new UserError(ExitCode.USAGE, "--save-every and --snapshots go together");
        }
        if (saveEvery != null && saveEvery < 1) {
            throw new UserError(ExitCode.USAGE, "--save-every must be at least 1, got " + saveEvery);
        }
        if (logEvery != null && log == null) {
            throw new UserError(ExitCode.USAGE, "--log-every needs --log");
        }
        if (logEvery != null && logEvery < 1) {
            throw new UserError(ExitCode.USAGE, "--log-every must be at least 1, got " + logEvery);
        }
        if (checkpointEvery != null && checkpointEvery < 1) {
            throw new UserError(ExitCode.USAGE, "--checkpoint-every must be at least 1, got " + checkpointEvery);
        }
    }
}
