package dip.cli;

import dip.fit.FitListener;
import dip.fit.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The per-iteration log: iteration, loss, PSNR of the output and of the average against the reference.
 * Written to a temporary file next to the target and moved into place when the fit ends.
 */
final class CsvLog implements FitListener, AutoCloseable {
    private final Path target;
    private final Path temp;
    private final BufferedWriter out;

    CsvLog(Path target) {
        this.target = target;
        this.temp = OutputPaths.parentOf(target).resolve("." + target.getFileName() + ".tmp");
        try {
            this.out = Files.newBufferedWriter(temp);
            out.write("iteration,loss,psnr_output,psnr_average,backtracked,seconds\n");
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + target + ": " + e.getMessage());
        }
    }

    @Override
    public void onIteration(Progress p) {
        try {
            out.write(p.iteration() + "," + p.loss() + "," + num(p.psnrOutput()) + "," + num(p.psnrAverage())
                    + "," + (p.backtracked() ? 1 : 0) + "," + String.format("%.3f", p.elapsedSeconds()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) { return Double.isNaN(v) ? "" : String.format("%.4f", v); }

    @Override
    public void close() {
        try {
            out.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + target + ": " + e.getMessage());
        }
    }
}
