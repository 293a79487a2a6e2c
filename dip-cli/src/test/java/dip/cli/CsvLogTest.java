package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.UserError;
import dip.fit.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --log file as a fit writes it, driven by hand: what is on disk between iterations, --log-every, resuming. */
class CsvLogTest {
    @TempDir
    Path dir;

    /** The clock the log's flush rule reads, moved by the test. */
    private long now;

    private static Progress progress(int iteration) {
        return new Progress(iteration, 100, 0.01 * iteration, Double.NaN, Double.NaN, false, iteration, null, null);
    }

    private CsvLog log(Path file, int every, boolean resume) { return new CsvLog(file, every, resume, () -> now); }

    /** A whole (or resumed) fit's log: iterations {@code from} to {@code to}, then close. */
    private void fit(Path file, int every, boolean resume, int from, int to) {
        try (CsvLog log = log(file, every, resume)) {
            for (int it = from; it <= to; it++) {
                log.onIteration(progress(it));
            }
        }
    }

    /** The iteration column of the file as it is on disk now. */
    private static List<Integer> iterations(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals(CsvLog.HEADER, lines.get(0));
        return lines.stream().skip(1).map(l -> Integer.parseInt(l.substring(0, l.indexOf(',')))).toList();
    }

    private void advance(double seconds) { now += (long) (seconds * TimeUnit.SECONDS.toNanos(1)); }

    @Test
    void rowsAreOnDiskUnderTheGivenNameWhileTheFitRuns() throws Exception {
        Path file = dir.resolve("log.csv");
        try (CsvLog log = log(file, 1, false)) {
            assertEquals(List.of(), iterations(file)); // the header at once
            advance(0.5);
            log.onIteration(progress(1));
            advance(0.5);
            log.onIteration(progress(2)); // 1 s since the header: may still be buffered
            advance(1.5);
            log.onIteration(progress(3)); // 2.5 s: everything so far is flushed
            assertEquals(List.of(1, 2, 3), iterations(file));
            advance(3);
            log.onIteration(progress(4)); // a slow iteration is flushed at once
            assertEquals(List.of(1, 2, 3, 4), iterations(file));
            log.onIteration(progress(5));
        }
        assertEquals(List.of(1, 2, 3, 4, 5), iterations(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList()); // no hidden temporary file
        }
    }

    @Test
    void everyNthIterationAndTheLastOne() throws Exception {
        Path file = dir.resolve("log.csv");
        fit(file, 3, false, 1, 7);
        assertEquals(List.of(3, 6, 7), iterations(file));
        List<String> lines = Files.readAllLines(file);
        assertEquals("3,0.03,,,0,3.000", lines.get(1));
    }

    /** A run killed after its checkpoint at 3 wrote rows 4, 5 and half of 6; the resumed fit starts again at 4. */
    @Test
    void aResumedLogHasEachIterationOnce() throws Exception {
        Path file = dir.resolve("log.csv");
        fit(file, 1, false, 1, 5);
        Files.writeString(file, "6,0.0", StandardOpenOption.APPEND);
        try (CsvLog log = log(file, 1, true)) {
            assertEquals(List.of(1, 2, 3, 4, 5), iterations(file).subList(0, 5)); // untouched until the fit runs
            for (int it = 4; it <= 8; it++) {
                log.onIteration(progress(it));
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), iterations(file));
        // With no file yet, resuming starts one; a file that is no log is refused before the fit.
        Path fresh = dir.resolve("fresh.csv");
        fit(fresh, 1, true, 4, 4);
        assertEquals(List.of(4), iterations(fresh));
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        UserError e = assertThrows(UserError.class, () -> log(other, 1, true));
        assertTrue(e.getMessage().contains("cannot continue the log") && !e.getMessage().contains("\n"), e.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(other));
    }

    @Test
    void keptLengthStopsAtTheFirstRowToRedo() {
        String text = CsvLog.HEADER + "\n1,a\n2,b\n3,c\n4,d";
        assertEquals(text.indexOf("3,"), CsvLog.keptLength(text, 3));
        assertEquals(text.indexOf("4,"), CsvLog.keptLength(text, 9)); // the unfinished last line goes too
        assertEquals(CsvLog.HEADER.length() + 1, CsvLog.keptLength(text, 1));
    }
}
