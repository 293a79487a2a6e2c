package dip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.restore.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAME.json beside every restoration, and ./dip rerun from it: the same PNG bit for bit, or a clear refusal. */
class CliRerunTest {
    @TempDir
    Path dir;

    private Path in;

    @BeforeEach
    void crop() {
        in = dir.resolve("in.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(8, 8, 24, 32), in, 8);
    }

    @Test
    void aRerunReproducesThePngBitForBit() throws Exception {
        Path out = dir.resolve("out.png");
        Path avg = dir.resolve("out.average.png");
        CliRun r = CliRun.of("denoise", in.toString(), "-o", out.toString(), "--output-average", avg.toString(),
                "--add-noise", "25", "--reference", in.toString(), "--iterations", "5", "--seed", "3", "--threads", "1", "-q",
                "--channels-down", "8,8", "--channels-skip", "2,2", "--bit-depth", "16");
        assertEquals(0, r.exitCode(), r.err());
        Provenance p = Provenance.read(dir.resolve("out.json"));
        assertEquals("denoise", p.task().kind());
        assertEquals(25 / 255.0, p.task().addedNoise());
        assertEquals(5, p.result().iterations());
        assertEquals(3, p.settings().seed());
        assertEquals(1, p.settings().threads());
        assertEquals("custom skip", p.settings().net().label());
        assertEquals(RerunSha.of(in), p.inputs().get(0).sha256());
        assertEquals(16, p.output().bitDepth());
        assertTrue(p.result().outputScores().psnr() > 0);
        assertEquals("average", Provenance.read(dir.resolve("out.average.json")).output().image());

        Path again = dir.resolve("again.png");
        CliRun rerun = CliRun.of("rerun", dir.resolve("out.json").toString(), "-o", again.toString(), "-q");
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
        assertTrue(Files.exists(dir.resolve("again.json")));

        Path againAvg = dir.resolve("again-average.png");
        assertEquals(0, CliRun.of("rerun", dir.resolve("out.average.json").toString(), "-o", againAvg.toString(), "-q").exitCode());
        assertArrayEquals(Files.readAllBytes(avg), Files.readAllBytes(againAvg));

        CliRun exists = CliRun.of("rerun", dir.resolve("out.json").toString(), "-o", again.toString(), "-q");
        assertEquals(ExitCode.OUTPUT, exists.exitCode(), exists.err());

        Image changed = ImageFiles.read(in).image();
        changed.set(0, 0, 0, 1 - changed.get(0, 0, 0));
        ImageFiles.write(changed, in, 8);
        CliRun refused = CliRun.of("rerun", dir.resolve("out.json").toString(), "-o", dir.resolve("third.png").toString(), "-q");
        assertEquals(ExitCode.INPUT, refused.exitCode(), refused.err());
        assertTrue(refused.oneErrorLine() && refused.err().contains("has changed since the run"), refused.err());
        assertTrue(Files.notExists(dir.resolve("third.png")));
    }

    @Test
    void inpaintingRecordsTheMaskAndRerunsFromIt() throws Exception {
        Path maskFile = dir.resolve("mask.png");
        ImageFiles.write(CliTasksTest.checkerboard(24, 32), maskFile, 8);
        Path out = dir.resolve("filled.png");
        CliRun r = CliRun.of("inpaint", in.toString(), "--mask", maskFile.toString(), "-o", out.toString(), "--iterations", "3",
                "--threads", "1", "-q", "--prior", "tv");
        assertEquals(0, r.exitCode(), r.err());
        Provenance p = Provenance.read(dir.resolve("filled.json"));
        assertEquals("mask", p.inputs().get(1).role());
        Path again = dir.resolve("filled2.png");
        assertEquals(0, CliRun.of("rerun", dir.resolve("filled.json").toString(), "-o", again.toString(), "-q").exitCode());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
    }

    @Test
    void anExistingProvenanceFileNeedsForceAndNotAProvenanceFileIsRefused() throws Exception {
        Path out = dir.resolve("x.png");
        Files.writeString(dir.resolve("x.json"), "{}");
        CliRun r = CliRun.of("denoise", in.toString(), "-o", out.toString(), "--iterations", "1", "--threads", "1", "-q");
        assertEquals(ExitCode.OUTPUT, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine() && r.err().contains("x.json"), r.err());
        CliRun bad = CliRun.of("rerun", dir.resolve("x.json").toString(), "-o", dir.resolve("y.png").toString());
        assertEquals(ExitCode.INPUT, bad.exitCode(), bad.err());
        assertTrue(bad.oneErrorLine(), bad.err());
    }

    @Test
    void aBenchmarksPreparedInputCannotBeRerun() throws Exception {
        Path out = dir.resolve("b.png");
        assertEquals(0, CliRun.of("denoise", in.toString(), "-o", out.toString(), "--iterations", "1", "--threads", "1", "-q").exitCode());
        Path json = dir.resolve("b.json");
        Files.writeString(json, Files.readString(json).replace("\"role\" : \"input\"", "\"role\" : \"bench observation\""));
        CliRun r = CliRun.of("rerun", json.toString(), "-o", dir.resolve("b2.png").toString(), "-q");
        assertEquals(ExitCode.INPUT, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine() && r.err().contains("bench observation"), r.err());
    }

    /** The SHA-256 a provenance records, computed independently of dip. */
    private static final class RerunSha {
        static String of(Path file) throws Exception {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(d);
        }
    }
}
