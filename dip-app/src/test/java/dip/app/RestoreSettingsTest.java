package dip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.restore.InputFile;
import dip.restore.Provenance;
import dip.restore.RestoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Settings from option words and from files: the same names, values, defaults and checks as the CLI's options. */
class RestoreSettingsTest {
    @TempDir
    Path dir;

    private Path image(String name, int h, int w) {
        float[] d = new float[3 * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 17) / 17f;
        }
        Path p = dir.resolve(name);
        ImageFiles.write(new Image(3, h, w, d), p, 8);
        return p;
    }

    private Path file(String name, String text) throws Exception { return Files.writeString(dir.resolve(name), text); }

    /** Everything that decides a restoration: the task, the inputs and every setting, as the provenance writes them. */
    private static String key(RestoreConfig c) throws Exception {
        List<String> inputs = c.inputs().stream().map(InputFile::role).toList();
        return new ObjectMapper().writeValueAsString(List.of(Provenance.Task.of(c.task()), inputs,
                Provenance.Settings.of(c, c.precision().label(), false)));
    }

    @Test
    void aSettingsFileMeansWhatTheSameOptionWordsMean() throws Exception {
        Path in = image("in.png", 20, 24);
        RestoreSettings words = RestoreSettings.parse("denoise", List.of("--recipe", "paper", "--iterations", "7", "--seed", "3",
                "--threads", "1", "--channels-down", "8,8", "--channels-skip", "2,2", "--stop", "fixed", "-q", "--no-1x1-up",
                "--add-noise", "25"));
        Path props = file("denoise.properties", "# a comment\ntask = denoise\nrecipe=paper\niterations=7\nseed=3\nthreads=1\n"
                + "channels-down=8,8\nchannels-skip=2,2\nstop=fixed\nquiet=true\nno-1x1-up=true\nforce=false\nadd-noise=25\n");
        Path json = file("denoise.json", "{\"task\": \"denoise\", \"recipe\": \"paper\", \"iterations\": 7, \"seed\": 3, \"threads\": 1,"
                + " \"channels-down\": [8, 8], \"channels-skip\": \"2,2\", \"stop\": \"fixed\", \"q\": true, \"no-1x1-up\": true,"
                + " \"add-noise\": 25}");
        String expected = key(words.config(in));
        assertEquals(expected, key(RestoreSettings.load(props).config(in)));
        assertEquals(expected, key(RestoreSettings.load(json).config(in)));
        assertEquals("denoise", RestoreSettings.load(props).task());
        RestoreConfig c = words.config(in);
        assertEquals(7, c.iterations());
        assertEquals(3, c.seed());
        assertEquals(25 / 255.0, c.task().noiseSigma(), 1e-12);
        assertEquals("fixed", c.stop().rule());
    }

    @Test
    void theRecipeAndTheTaskDefaultsAreTheClis() throws Exception {
        Path in = image("in.png", 16, 16);
        assertEquals("skip-64", RestoreSettings.parse("denoise", List.of()).config(in).net().preset());
        assertEquals("skip", RestoreSettings.parse("denoise", List.of("--recipe", "paper")).config(in).net().preset());
        RestoreConfig sr = RestoreSettings.load(file("sr.properties", "task=super-resolve\nscale=4\n")).config(in);
        assertEquals(4, sr.task().factor());
        assertEquals(2000, sr.iterations());
        assertEquals(64, sr.task().outputHeight());
        Path mask = dir.resolve("mask.png");
        float[] m = new float[16 * 16];
        java.util.Arrays.fill(m, 1f);
        m[5 * 16 + 5] = 0;
        ImageFiles.write(new Image(1, 16, 16, m), mask, 8);
        RestoreConfig inpaint = RestoreSettings.load(file("inpaint.json", "{\"task\": \"inpaint\", \"mask\": \"" + mask + "\"}")).config(in);
        assertEquals(List.of("input", "mask"), inpaint.inputs().stream().map(InputFile::role).toList());
        assertEquals(4000, inpaint.iterations(), "the fast recipe of inpainting");
        assertEquals(dip.fit.ResultImage.AVERAGE, inpaint.result());
        assertEquals(dip.fit.ResultImage.OUTPUT, RestoreSettings.parse("inpaint", List.of("--mask", mask.toString(), "--result",
                "output")).config(in).result(), "--result overrides the recipe's");
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        Path in = image("in.png", 16, 16);
        Path props = file("d.properties", "task=denoise\niterations=30\nseed=4\nquiet=true\n");
        RestoreSettings s = RestoreSettings.load(props, null, List.of("--iterations=5", "--recipe", "paper"));
        RestoreConfig c = s.config(in);
        assertEquals(5, c.iterations());
        assertEquals(4, c.seed());
        assertEquals("skip", c.net().preset());
        assertEquals(c.iterations(), RestoreSettings.parse(s.task(), s.words()).config(in).iterations(), "the words travel");
        RestoreSettings jpeg = RestoreSettings.load(props, "jpeg", List.of());
        assertEquals("jpeg", jpeg.task());
        assertEquals(30, jpeg.config(in).iterations());
    }

    private static UserError error(int code, Executable e) {
        UserError u = assertThrows(UserError.class, e);
        assertEquals(code, u.exitCode(), u.getMessage());
        assertTrue(!u.getMessage().contains("\n"), "one line: " + u.getMessage());
        return u;
    }

    @Test
    void aBadSettingIsOneLineNamingTheFile() throws Exception {
        Path unknown = file("u.properties", "task=denoise\niteration=3\n");
        UserError u = error(ExitCode.USAGE, () -> RestoreSettings.load(unknown));
        assertTrue(u.getMessage().contains("u.properties") && u.getMessage().contains("unknown setting 'iteration'"), u.getMessage());
        Path bad = file("b.properties", "task=denoise\niterations=0\n");
        u = error(ExitCode.USAGE, () -> RestoreSettings.load(bad));
        assertTrue(u.getMessage().contains("b.properties") && u.getMessage().contains("--iterations must be at least 1"), u.getMessage());
        error(ExitCode.USAGE, () -> RestoreSettings.load(file("f.properties", "task=denoise\nquiet=yes\n")));
        error(ExitCode.USAGE, () -> RestoreSettings.load(file("r.properties", "task=denoise\nrecipe=slow\n")));
        error(ExitCode.USAGE, () -> RestoreSettings.load(file("l.properties", "task=denoise\nlog=x.csv\n")));
        u = error(ExitCode.USAGE, () -> RestoreSettings.load(file("t.properties", "iterations=3\n")));
        assertTrue(u.getMessage().contains("names no task"), u.getMessage());
        error(ExitCode.USAGE, () -> RestoreSettings.load(file("d.properties", "task=deblur\n")));
        error(ExitCode.USAGE, () -> RestoreSettings.load(file("s.properties", "task=super-resolve\n")));
        error(ExitCode.USAGE, () -> RestoreSettings.load(file("o.json", "{\"task\": \"denoise\", \"seed\": {\"a\": 1}}")));
        u = error(ExitCode.INPUT, () -> RestoreSettings.load(dir.resolve("missing.properties")));
        assertTrue(u.getMessage().contains("missing.properties") && u.getMessage().contains("no such file"), u.getMessage());
        u = error(ExitCode.INPUT, () -> RestoreSettings.load(file("broken.json", "{\"task\": \"denoise\",")));
        assertTrue(u.getMessage().contains("broken.json"), u.getMessage());
        error(ExitCode.INPUT, () -> RestoreSettings.load(file("list.json", "[1, 2]")));
        error(ExitCode.USAGE, () -> RestoreSettings.parse("denoise", List.of("--no-such-option")));
        error(ExitCode.USAGE, () -> RestoreSettings.parse("denoise", List.of("--lr", "-1")));
        u = error(ExitCode.USAGE, () -> RestoreSettings.parse("denoise", List.of("--result", "best")));
        assertTrue(u.getMessage().contains("--result") && u.getMessage().contains("output or average"), u.getMessage());
        error(ExitCode.USAGE, () -> RestoreSettings.parse("inpaint", List.of("--keep", "0.5", "--mask-from-zeros")));
    }

    @Test
    void anOptionsValuesAreToldApartFromOtherWords() {
        assertEquals(1, RestoreSettings.valuesAfter("denoise", "--iterations"));
        assertEquals(0, RestoreSettings.valuesAfter("denoise", "--iterations=3"));
        assertEquals(0, RestoreSettings.valuesAfter("denoise", "-q"));
        assertEquals(1, RestoreSettings.valuesAfter("super-resolve", "--scale"));
        assertEquals(-1, RestoreSettings.valuesAfter("denoise", "--scale"));
        assertEquals(-1, RestoreSettings.valuesAfter("denoise", "--log"));
        assertEquals(-1, RestoreSettings.valuesAfter("denoise", "in.png"));
        assertEquals(-1, RestoreSettings.valuesAfter("deblur", "--iterations"));
        assertNull(RestoreSettings.parse("jpeg", List.of()).tiling());
        assertEquals(8, RestoreSettings.parse("jpeg", List.of("--tile", "64")).tiling().overlap());
    }
}
