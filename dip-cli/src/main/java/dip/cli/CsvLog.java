package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import dip.fit.FitListener;
import dip.fit.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The per-iteration log: iteration, loss, PSNR of the output and of the average against the reference, whether the
 * iteration rolled back, and the seconds since this run started. It is written as the fit goes, under the name the
 * user gave, so that a running fit can be followed ({@code tail -f}) and a killed one leaves its rows: the header at
 * once, then a row every {@code every} iterations plus the last iteration seen (at close), flushed whenever
 * {@link #FLUSH_NANOS} have passed since the last flush (checked at every iteration) and on close.
 *
 * <p>A resumed fit continues the log: at its first iteration the rows from that iteration on (what a killed run
 * wrote after its last checkpoint) and an unfinished last line are cut off, and the new rows follow, so each
 * iteration appears once.
 */
final class CsvLog implements FitListener, AutoCloseable {
    static final String HEADER = "iteration,loss,psnr_output,psnr_average,backtracked,seconds";
    /** Rows wait at most this long in memory once a later iteration has come (2 s). */
    static final long FLUSH_NANOS = 2_000_000_000L;

    private final Path file;
    private final int every;
    private final LongSupplier nanoClock;
    /** A resumed log's text until its first iteration decides where to cut it; null otherwise. */
    private String resumedText;
    private BufferedWriter out;
    private long lastFlush;
    private boolean unflushed;
    /** The last iteration's row when --log-every skipped it: written at close, so the log ends where the fit did. */
    private String skippedRow;

    /** Starts a new log at {@code file}, replacing any file there, with a row every {@code every} iterations. */
    static CsvLog start(Path file, int every) { return new CsvLog(file, every, false, System::nanoTime); }

    /**
     * Continues the log of a resumed fit at {@code file}, or starts one when there is none. The file must be a log
     * of this program (its first line the header); otherwise this fails before the fit starts.
     */
    static CsvLog resume(Path file, int every) { return new CsvLog(file, every, true, System::nanoTime); }

    /** @param nanoClock the time in nanoseconds, for the flush rule (tests drive it by hand) */
    CsvLog(Path file, int every, boolean resume, LongSupplier nanoClock) {
        this.file = file;
        this.every = every;
        this.nanoClock = nanoClock;
        String text = resume ? existingLog() : "";
        if ((HEADER + "\n").startsWith(text)) { // nothing to continue: no file, an empty one, or a cut-off header
            open(StandardOpenOption.TRUNCATE_EXISTING);
            write(HEADER + "\n");
            flush();
        } else {
            resumedText = text;
        }
    }

    /** The text of the log to continue ("" when there is none), checked to be a log of this program. */
    private String existingLog() {
        if (!Files.exists(file)) {
            return "";
        }
        String text;
        try {
            // ISO-8859-1 maps each byte to one char, so string positions are byte offsets.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw failure(e);
        }
        if (!text.startsWith(HEADER + "\n") && !(HEADER + "\n").startsWith(text)) {
            throw new UserError(ExitCode.OUTPUT, "cannot continue the log " + file + ": its first line is not '" + HEADER
                    + "' (name another --log file)");
        }
        return text;
    }

    /**
     * How many bytes of a log to keep when a fit resumes at iteration {@code first}: the header and the complete rows
     * before the first row that is at or beyond {@code first}, unreadable, or unfinished.
     */
    static int keptLength(String text, int first) {
        int pos = text.indexOf('\n') + 1;
        for (int end = text.indexOf('\n', pos); end >= 0; end = text.indexOf('\n', pos)) {
            String row = text.substring(pos, end);
            int comma = row.indexOf(',');
            try {
                if (comma < 0 || Integer.parseInt(row.substring(0, comma)) >= first) {
                    break;
                }
            } catch (NumberFormatException e) {
                break;
            }
            pos = end + 1;
        }
        return pos;
    }

    @Override
    public void onIteration(Progress p) {
        if (resumedText != null) {
            cutForResume(p.iteration());
        }
        String row = p.iteration() + "," + p.loss() + "," + num(p.psnrOutput()) + "," + num(p.psnrAverage())
                + "," + (p.backtracked() ? 1 : 0) + "," + String.format(Locale.ROOT, "%.3f", p.elapsedSeconds()) + "\n";
        if (p.iteration() % every == 0) {
            write(row);
            skippedRow = null;
        } else {
            skippedRow = row;
        }
        if (unflushed && nanoClock.getAsLong() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    /** Drops the rows of iteration {@code first} on (a killed run's, written after its checkpoint) and appends after the rest. */
    private void cutForResume(int first) {
        long keep = keptLength(resumedText, first);
        resumedText = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
        } catch (IOException e) {
            throw failure(e);
        }
        open(StandardOpenOption.APPEND);
        lastFlush = nanoClock.getAsLong();
    }

    private void open(OpenOption mode) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void write(String s) {
        try {
            out.write(s);
            unflushed = true;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void flush() {
        try {
            out.flush();
            unflushed = false;
            lastFlush = nanoClock.getAsLong();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private UserError failure(IOException e) {
        return new UserError(ExitCode.OUTPUT, "cannot write the log " + file + ": " + e.getMessage());
    }

    private static String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v); }

    @Override
    public void close() {
        if (out == null) { // a resumed fit that never reached an iteration: the log stays as it was
            return;
        }
        if (skippedRow != null) {
            write(skippedRow);
        }
        try {
            out.close();
        } catch (IOException e) {
            throw failure(e);
        }
    }
}
