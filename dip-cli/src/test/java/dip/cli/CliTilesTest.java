package dip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.restore.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --tile / --overlap end to end on a small crop with a small net: sizes, provenance, the tile folder, refusals, rerun. */
class CliTilesTest {
    @TempDir
    Path dir;

    private Path input() {
        Path in = dir.resolve("in.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(10, 20, 37, 45), in, 8);
        return in;
    }

    private static String[] args(Path in, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("denoise", in.toString(), "-o", out.toString(), "--add-noise", "25",
                "--iterations", "5", "--threads", "1", "--channels-down", "8,8", "--channels-skip", "2,2"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aTiledRunWritesTheWholeImageAndRecordsTheTiling() throws IOException {
        Path in = input();
        Path out = dir.resolve("out.png");
        CliRun r = CliRun.of(args(in, out, "--tile", "16", "--overlap", "4", "--output-average", dir.resolve("avg.png").toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("12 tiles (3×4) of 16 px, overlap 4"), r.err());
        assertTrue(r.err().contains("tile 12/12 restored"), r.err());
        Image o = ImageFiles.read(out).image();
        assertEquals(37, o.height());
        assertEquals(45, o.width());
        Provenance p = Provenance.read(dir.resolve("out.json"));
        assertEquals(12, p.tiling().tiles());
        assertEquals(16, p.tiling().tile());
        assertEquals(4, p.tiling().overlap());
        assertFalse(r.err().contains("seam"), "without a reference no seam line: " + r.err());
        assertEquals(null, p.tiling().seams());
        assertFalse(Files.exists(dir.resolve("out.tiles")), "the tile folder is removed once the output is written");

        CliRun again = CliRun.of("rerun", dir.resolve("out.json").toString(), "-o", dir.resolve("again.png").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertArrayEquals(o.data(), ImageFiles.read(dir.resolve("again.png")).image().data(), "a tiled rerun gives the same pixels");
    }

    @Test
    void withTwoThreadsTwoTilesAreFittedAtOnceAndThePixelsAreThoseOfOneThread() throws IOException {
        Path in = input();
        Path one = dir.resolve("one.png");
        CliRun a = CliRun.of(args(in, one, "--tile", "16", "--overlap", "4"));
        assertEquals(0, a.exitCode(), a.err());
        Path two = dir.resolve("two.png");
        List<String> more = new ArrayList<>(List.of(args(in, two, "--tile", "16", "--overlap", "4")));
        more.set(more.indexOf("--threads") + 1, "2");
        CliRun b = CliRun.of(more.toArray(String[]::new));
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.err().contains("2 tiles at once on 1 thread each"), b.err());
        assertTrue(b.err().contains("tile 12/12 (rows 21–36 × cols 29–44) started") && b.err().contains("tile 12/12 restored"), b.err());
        assertArrayEquals(ImageFiles.read(one).image().data(), ImageFiles.read(two).image().data());
        assertEquals(2, Provenance.read(dir.resolve("two.json")).settings().threads());
    }

    @Test
    void anEarlierRunsTileFolderIsNeitherOverwrittenNorTakenSilently() throws IOException {
        Path in = input();
        Path out = dir.resolve("out.png");
        Files.createDirectory(dir.resolve("out.tiles"));
        Files.writeString(dir.resolve("out.tiles").resolve("keep.txt"), "x");
        CliRun r = CliRun.of(args(in, out, "--tile", "16"));
        assertEquals(ExitCode.OUTPUT, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine() && r.err().contains("--resume"), r.err());
        CliRun wrong = CliRun.of(args(in, out, "--tile", "16", "--resume", dir.resolve("other.tiles").toString()));
        assertEquals(ExitCode.USAGE, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().contains("out.tiles"), wrong.err());
    }

    @Test
    void badTilingOptionsAreOneLineUsageErrors() {
        Path in = input();
        Path out = dir.resolve("out.png");
        for (String[] bad : List.of(new String[] {"--overlap", "4"}, new String[] {"--tile", "16", "--overlap", "9"},
                new String[] {"--tile", "1"}, new String[] {"--tile", "16", "--log", dir.resolve("l.csv").toString()})) {
            CliRun r = CliRun.of(args(in, out, bad));
            assertEquals(ExitCode.USAGE, r.exitCode(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.oneErrorLine(), r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void withAReferenceATiledRunScoresTheSeamBandAndRecordsIt() throws IOException {
        Path in = input();
        Path out = dir.resolve("out.png");
        CliRun r = CliRun.of(args(in, out, "--tile", "32", "--overlap", "8", "--reference", in.toString()));
        assertEquals(0, r.exitCode(), r.err());
        // 37×45 in tiles of 32: two rows, two columns, one seam between each
        assertTrue(r.err().matches("(?s).*\\nseam band \\(±8 px around 2 seams, \\d+\\.\\d% of the pixels\\): "
                + "output \\d+\\.\\d\\d dB, away \\d+\\.\\d\\d dB; average \\d+\\.\\d\\d dB / \\d+\\.\\d\\d dB\\n.*"), r.err());
        Provenance.Result result = Provenance.read(dir.resolve("out.json")).result();
        dip.restore.TiledRestorer.Seams s = Provenance.read(dir.resolve("out.json")).tiling().seams();
        assertEquals(8, s.halfWidth());
        assertEquals(2, s.seams());
        assertTrue(s.bandFraction() > 0 && s.bandFraction() < 1, "fraction " + s.bandFraction());
        for (Double db : new Double[] {s.outputBand(), s.outputAway(), s.averageBand(), s.averageAway()}) {
            assertTrue(db != null && Double.isFinite(db), String.valueOf(s));
        }
        // the whole image's PSNR lies between the band's and the rest's
        double whole = result.outputScores().psnr();
        assertTrue(whole >= Math.min(s.outputBand(), s.outputAway()) - 1e-9 && whole <= Math.max(s.outputBand(), s.outputAway()) + 1e-9,
                whole + " vs " + s);

        CliRun one = CliRun.of(args(in, dir.resolve("one.png"), "--tile", "64", "--reference", in.toString()));
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.err().contains("\nseams: none (one tile)\n"), one.err());
        assertEquals(0, Provenance.read(dir.resolve("one.json")).tiling().seams().seams());
    }
}
