package dip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
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
    void directoryAsInput() throws IOException {
        // A directory is a batch; one without images is an input error, and so is a directory where a file belongs.
        Path empty = Files.createDirectory(dir.resolve("empty"));
        expect(ExitCode.INPUT, "no images", "denoise", empty.toString(), "-o", dir.resolve("out").toString());
        expect(ExitCode.INPUT, "directory", "denoise", SAMPLE.toString(), "-o", dir.resolve("o.png").toString(),
                "--reference", empty.toString());
        expect(ExitCode.INPUT, "directory", "inpaint", SAMPLE.toString(), "-o", dir.resolve("o.png").toString(),
                "--mask", empty.toString());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        expect(ExitCode.INPUT, "empty file", "denoise", empty.toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void imageOfZeroOrOnePixel() throws IOException {
        Path zero = dir.resolve("zero.png");
        Files.write(zero, png(0, 0));
        expect(ExitCode.INPUT, "zero.png", "denoise", zero.toString(), "-o", dir.resolve("o.png").toString());
        Path one = dir.resolve("one.png");
        Files.write(one, png(1, 1));
        expect(ExitCode.INPUT, "too small", "denoise", one.toString(), "-o", dir.resolve("o.png").toString());
        expect(ExitCode.INPUT, "too small", "super-resolve", one.toString(), "--scale", "2", "-o", dir.resolve("o.png").toString());
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void unsupportedFormat() throws IOException {
        Path pgm = dir.resolve("img.pgm"); // a valid greyscale PGM: not a format dip reads
        Files.write(pgm, "P5\n4 4\n255\n0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        expect(ExitCode.INPUT, "not a supported image format", "denoise", pgm.toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void scaleThatDoesNotFit() throws IOException {
        Path out = dir.resolve("o.png");
        expect(ExitCode.USAGE, "--scale", "super-resolve", SAMPLE.toString(), "--scale", "3", "-o", out.toString());
        // The reference must be exactly F times the input: the 128x128 sample is not 4x a 128x128 input.
        expect(ExitCode.INPUT, "reference", "super-resolve", SAMPLE.toString(), "--scale", "4", "-o", out.toString(),
                "--reference", SAMPLE.toString());
        expect(ExitCode.USAGE, "--scale", "downscale", SAMPLE.toString(), "--scale", "5", "-o", out.toString());
        expect(ExitCode.USAGE, "--downscaler", "downscale", SAMPLE.toString(), "--scale", "4", "--downscaler", "box", "-o", out.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void maskWithNoHolesOrOnlyHoles() throws IOException {
        Path white = dir.resolve("white.png");
        Path black = dir.resolve("black.png");
        dip.image.Image ones = dip.image.Image.zeros(1, 128, 128);
        java.util.Arrays.fill(ones.data(), 1f);
        dip.image.ImageFiles.write(ones, white, 8);
        dip.image.ImageFiles.write(dip.image.Image.zeros(1, 128, 128), black, 8);
        expect(ExitCode.INPUT, "no holes", "inpaint", SAMPLE.toString(), "--mask", white.toString(), "-o", dir.resolve("o.png").toString());
        expect(ExitCode.INPUT, "all holes", "inpaint", SAMPLE.toString(), "--mask", black.toString(), "-o", dir.resolve("o.png").toString());
    }

    @Test
    void outputInAReadOnlyDirectory() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        ro.toFile().setWritable(false, false);
        try {
            // root may write anywhere: then /proc (no new files, whoever asks) stands in for the read-only folder
            Path target = Files.isWritable(ro) ? Path.of("/proc", "dip-o.png") : ro.resolve("o.png");
            CliRun r = CliRun.of("denoise", SAMPLE.toString(), "-o", target.toString(), "--iterations", "1", "--threads", "1", "-q");
            assertEquals(ExitCode.OUTPUT, r.exitCode(), r.err());
            assertTrue(r.oneErrorLine() && r.err().contains(target.toString()), r.err());
            assertFalse(Files.exists(target));
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void existingOutputNeedsForceAndTheInputIsNeverOverwritten() throws IOException {
        Path out = dir.resolve("o.png");
        Files.writeString(out, "keep me");
        expect(ExitCode.OUTPUT, "--force", "denoise", SAMPLE.toString(), "-o", out.toString(), "--iterations", "1");
        assertEquals("keep me", Files.readString(out));
        CliRun forced = CliRun.of("denoise", SAMPLE.toString(), "-o", out.toString(), "--iterations", "1", "--threads", "1", "-q", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals(128, dip.image.ImageFiles.read(out).image().width());
        Path copy = dir.resolve("in.png");
        Files.copy(SAMPLE, copy);
        expect(ExitCode.OUTPUT, "is the input", "denoise", copy.toString(), "-o", copy.toString(), "--force");
        assertArrayEquals(Files.readAllBytes(SAMPLE), Files.readAllBytes(copy));
    }

    /** A loss that turns NaN for good: 20 roll-backs, then the best state is written, and the output's JSON says so. */
    @Test
    void nonFiniteLossRollsBackThenEndsWithTheBestState() throws IOException {
        System.setProperty(FaultInjection.PROPERTY, "3"); // the data term is NaN from the 3rd evaluation on
        try {
            Path out = dir.resolve("o.png");
            CliRun r = CliRun.of("denoise", SAMPLE.toString(), "-o", out.toString(), "--iterations", "40", "--threads", "1");
            assertEquals(ExitCode.OK, r.exitCode(), r.err());
            assertTrue(r.err().contains("rolled back"), r.err()); // each roll-back is reported as it happens
            assertTrue(r.err().contains("dip: the fit diverged at iteration 3 and did not recover after 20 roll-backs; it ends"
                    + " with the state of iteration "), r.err());
            assertTrue(Files.exists(out));
            String json = Files.readString(dir.resolve("o.json"));
            assertTrue(json.contains("\"stoppedBy\" : \"diverged\"") && json.contains("\"endedWithStateOf\""), json);
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
        }
    }

    /** A loss that is never finite leaves no state to keep: exit 5, one line, nothing written. */
    @Test
    void nonFiniteLossFromTheStartGivesUp() {
        System.setProperty(FaultInjection.PROPERTY, "1");
        try {
            Path out = dir.resolve("o.png");
            CliRun r = CliRun.of("denoise", SAMPLE.toString(), "-o", out.toString(), "--iterations", "40", "--threads", "1");
            assertEquals(ExitCode.DIVERGED, r.exitCode(), r.err());
            String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("dip: ") && last.contains("diverged"), last);
            assertFalse(Files.exists(out));
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
        }
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
        expect(ExitCode.USAGE, "--lr", "denoise", SAMPLE.toString(), "-o", out, "--lr", "1e38");
        expect(ExitCode.USAGE, "--runs must be at least 1", "denoise", SAMPLE.toString(), "-o", out, "--runs", "0");
        expect(ExitCode.USAGE, "checkpoints and resuming take one run, not 2", "denoise", SAMPLE.toString(), "-o", out,
                "--recipe", "best", "--checkpoint-every", "5");
        expect(ExitCode.USAGE, "--lr-schedule: unknown learning-rate schedule 'step'; choose constant or cosine", "denoise",
                SAMPLE.toString(), "-o", out, "--lr-schedule", "step");
        expect(ExitCode.USAGE, "--reg-noise-warmup must be zero or more iterations, got -5", "denoise", SAMPLE.toString(),
                "-o", out, "--reg-noise-warmup", "-5");
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

    /** A PNG header and an empty image body of any size, zero included (ImageIO cannot write those). */
    private static byte[] png(int w, int h) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(b, "IHDR", ihdr.array());
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        for (int y = 0; y < h; y++) {
            raw.write(0);
            raw.write(new byte[w]);
        }
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(raw.toByteArray());
        }
        chunk(b, "IDAT", z.toByteArray());
        chunk(b, "IEND", new byte[0]);
        return b.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream b, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        b.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        b.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.write(data);
        b.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void noCommand() {
        expect(ExitCode.USAGE, "missing command");
    }
}
