package dip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets one clear line on stderr and its documented exit code; nothing is written. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static final Path SAMPLE = Path.of("..", "samples", "f16.png");

    private void expect(int code, String fragment, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(code, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine(), "not one clean line: " + r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + r.err());
    }

    @Test
    void missingInput() {
        expect(ExitCode.INPUT, "no such file", "denoise", dir.resolve("nope.png").toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void directoryAsInput() {
        expect(ExitCode.INPUT, "directory", "denoise", dir.toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void corruptInput() throws IOException {
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "this is not a PNG");
        expect(ExitCode.INPUT, "bad.png", "denoise", bad.toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void truncatedInput() throws IOException {
        byte[] png = Files.readAllBytes(SAMPLE);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(png, png.length / 2));
        expect(ExitCode.INPUT, "cut.png", "denoise", cut.toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void outputInAMissingDirectory() {
        expect(ExitCode.OUTPUT, "does not exist", "denoise", SAMPLE.toString(), "-o", dir.resolve("no/such/dir/o.png").toString());
    }

    @Test
    void outputThatIsTheInputIsRefusedAndTheInputUntouched() throws IOException {
        Path copy = dir.resolve("in.png");
        Files.copy(SAMPLE, copy);
        byte[] before = Files.readAllBytes(copy);
        expect(ExitCode.OUTPUT, "is the input", "denoise", copy.toString(), "-o", copy.toString());
        assertArrayEquals(before, Files.readAllBytes(copy));
    }

    @Test
    void outputThatIsNotPng() {
        expect(ExitCode.OUTPUT, "PNG", "denoise", SAMPLE.toString(), "-o", dir.resolve("o.jpg").toString());
    }

    @Test
    void badOptionValues() {
        String out = dir.resolve("o.png").toString();
        expect(ExitCode.USAGE, "--iterations", "denoise", SAMPLE.toString(), "-o", out, "--iterations", "0");
        expect(ExitCode.USAGE, "--lr", "denoise", SAMPLE.toString(), "-o", out, "--lr", "-1");
        expect(ExitCode.USAGE, "--threads", "denoise", SAMPLE.toString(), "-o", out, "--threads", "0");
        expect(ExitCode.USAGE, "--bit-depth", "denoise", SAMPLE.toString(), "-o", out, "--bit-depth", "12");
        expect(ExitCode.USAGE, "--save-every", "denoise", SAMPLE.toString(), "-o", out, "--save-every", "10");
        expect(ExitCode.USAGE, "Unknown option", "denoise", SAMPLE.toString(), "-o", out, "--frobnicate");
        expect(ExitCode.USAGE, "Invalid value", "denoise", SAMPLE.toString(), "-o", out, "--iterations", "many");
        expect(ExitCode.USAGE, "Missing required", "denoise", SAMPLE.toString());
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void referenceOfAnotherSize() throws IOException {
        Path small = dir.resolve("small.png");
        dip.image.ImageFiles.write(dip.image.Image.zeros(3, 8, 8), small, 8);
        expect(ExitCode.INPUT, "reference", "denoise", SAMPLE.toString(), "-o", dir.resolve("o.png").toString(),
                "--reference", small.toString());
    }

    @Test
    void aFitTooLargeForMemoryIsRefusedUpFront() {
        System.setProperty("dip.memoryAvailableMb", "100");
        try {
            expect(ExitCode.MEMORY, "GiB", "denoise", SAMPLE.toString(), "-o", dir.resolve("o.png").toString());
        } finally {
            System.clearProperty("dip.memoryAvailableMb");
        }
    }

    @Test
    void noCommand() {
        expect(ExitCode.USAGE, "missing command");
    }
}
