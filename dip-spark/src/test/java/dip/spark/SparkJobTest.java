package dip.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.fit.FitListener;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.net.SkipConfig;
import dip.restore.NetSpec;
import dip.restore.Provenance;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] mode over three tiny images and a corrupt file. */
class SparkJobTest {
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("dip-spark test")
                .set("spark.ui.enabled", "false").set("spark.task.cpus", "1"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    private static Image pattern(int h, int w, long seed) {
        Random r = new Random(seed);
        float[] d = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.3 * Math.sin((x + 2 * c) / 3.0) * Math.cos(y / 4.0 + seed) + 0.1 * r.nextGaussian();
                    d[(c * h + y) * w + x] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return new Image(3, h, w, d);
    }

    private static final List<String> TASK_OPTIONS = List.of("--task", "denoise", "--iterations", "6", "--seed", "3",
            "--threads", "1", "--channels-down", "8,8", "--channels-skip", "2,2", "--bit-depth", "16", "-q");

    @Test
    void threeImagesAndACorruptFile(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("scans"));
        Path gt = Files.createDirectories(dir.resolve("gt"));
        String[] names = {"a", "b", "c"};
        int[][] sizes = {{16, 24}, {24, 24}, {20, 32}};
        for (int i = 0; i < names.length; i++) {
            Image clean = pattern(sizes[i][0], sizes[i][1], i);
            ImageFiles.write(clean, gt.resolve(names[i] + ".png"), 8);
            ImageFiles.write(clean, in.resolve(names[i] + "_noisy.png"), 8);
        }
        Files.write(in.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(in.toString(), "-o", out.toString(), "--reference",
                gt + "/{name/_noisy/}.png"));
        args.addAll(TASK_OPTIONS);

        SparkJob.Result first = SparkJob.run(spark, args.toArray(String[]::new));
        assertEquals(3, first.exitCode(), "the corrupt file's exit code (input cannot be used)");
        assertEquals(4, first.rows().size());
        // Rows in the order of the inputs' paths: a_noisy, b_noisy, broken, c_noisy.
        Row broken = first.rows().get(2);
        assertTrue(broken.input().endsWith("broken.png"), broken.input());
        assertEquals("failed", broken.status());
        assertTrue(broken.error().contains("broken.png") && broken.error().contains("corrupt or truncated"), broken.error());
        int[] rowOf = {0, 1, 3};
        for (int i = 0; i < 3; i++) {
            Row r = first.rows().get(rowOf[i]);
            assertEquals("ok", r.status(), r.error());
            assertTrue(r.input().endsWith(names[i] + "_noisy.png"));
            assertEquals(6, r.iterations());
            assertNotNull(r.psnr(), "PSNR against the reference");
            assertTrue(Files.isRegularFile(out.resolve(names[i] + "_noisy.png")));
            assertTrue(Files.isRegularFile(out.resolve(names[i] + "_noisy.average.png")));
            Provenance p = Provenance.fromJson(r.provenance());
            assertEquals(3, p.settings().seed());
            assertEquals(1, p.settings().threads());
        }

        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals(String.join(",", Row.COLUMNS), manifest.get(0));
        assertEquals(5, manifest.size());
        assertTrue(manifest.get(3).contains("broken.png") && manifest.get(3).contains(",failed,3,")
                && manifest.get(3).contains("corrupt or truncated"), manifest.get(3));

        // Bit for bit what a plain Restorer gives with the same settings and seed.
        SkipConfig net = SkipConfig.defaults(32, 3).withChannels(new int[] {8, 8}, new int[] {8, 8}, new int[] {2, 2});
        for (String n : names) {
            Image noisy = ImageFiles.read(in.resolve(n + "_noisy.png")).image();
            RestoreConfig config = RestoreConfig.builder(TaskSpec.denoise(noisy)).net(NetSpec.skip(net)).iterations(6)
                    .seed(3).threads(1).build();
            Path plain = dir.resolve(n + "-plain.png");
            try (Restorer r = new Restorer(config)) {
                Restoration result = r.run(FitListener.NONE);
                result.writeOutput(plain, 16);
            }
            assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(out.resolve(n + "_noisy.png")), n);
        }

        // A second run keeps every output that matches the settings.
        FileTime written = Files.getLastModifiedTime(out.resolve("a_noisy.png"));
        SparkJob.Result second = SparkJob.run(spark, args.toArray(String[]::new));
        assertEquals(3, second.exitCode());
        assertEquals("failed", second.rows().get(2).status());
        for (int i : rowOf) {
            assertEquals("skipped", second.rows().get(i).status(), second.rows().get(i).input());
            assertEquals(first.rows().get(i).psnr(), second.rows().get(i).psnr());
        }
        assertEquals(written, Files.getLastModifiedTime(out.resolve("a_noisy.png")));

        // Other settings: restored again.
        List<String> other = new ArrayList<>(args);
        other.set(other.indexOf("--iterations") + 1, "4");
        other.set(0, in.resolve("a_noisy.png").toString());
        SparkJob.Result third = SparkJob.run(spark, other.toArray(String[]::new));
        assertEquals(0, third.exitCode());
        assertEquals("ok", third.rows().get(0).status());
        assertEquals(4, third.rows().get(0).iterations());
    }

    @Test
    void aLargeImageIsRestoredTileByTileAcrossTheSlots(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Image clean = pattern(40, 36, 7);
        ImageFiles.write(clean, in.resolve("big.png"), 8);
        List<String> args = new ArrayList<>(List.of(in.toString(), "-o", dir.resolve("out").toString(), "--tile", "24",
                "--overlap", "4"));
        args.addAll(TASK_OPTIONS);
        SparkJob.Result result = SparkJob.run(spark, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.rows().get(0).error());
        Row row = result.rows().get(0);
        Provenance p = Provenance.fromJson(row.provenance());
        assertEquals(4, p.tiling().tiles());
        assertEquals(4 * 6, row.iterations());

        // The same pixels as the library's tiled run (each tile seeded from its position, the same blend).
        SkipConfig net = SkipConfig.defaults(32, 3).withChannels(new int[] {8, 8}, new int[] {8, 8}, new int[] {2, 2});
        Image noisy = ImageFiles.read(in.resolve("big.png")).image();
        RestoreConfig config = RestoreConfig.builder(TaskSpec.denoise(noisy)).net(NetSpec.skip(net)).iterations(6)
                .seed(3).threads(1).build();
        Restoration plain = new dip.restore.TiledRestorer(config, new dip.restore.TiledRestorer.Tiling(24, 4))
                .run(null, dip.tile.TileListener.NONE, t -> FitListener.NONE);
        Path plainPng = dir.resolve("plain.png");
        plain.writeOutput(plainPng, 16);
        assertArrayEquals(Files.readAllBytes(plainPng), Files.readAllBytes(dir.resolve("out").resolve("big.png")));

        SparkJob.Result again = SparkJob.run(spark, args.toArray(String[]::new));
        assertEquals("skipped", again.rows().get(0).status());
    }

    @Test
    void aSettingsFileGivesTheJobTheSameSettingsAsOptions(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Image clean = pattern(16, 20, 5);
        ImageFiles.write(clean, in.resolve("one.png"), 8);
        Path settings = Files.writeString(dir.resolve("denoise.properties"), "# the options of TASK_OPTIONS\ntask=denoise\n"
                + "iterations=6\nseed=3\nthreads=1\nchannels-down=8,8\nchannels-skip=2,2\nbit-depth=16\nquiet=true\n");
        SparkJob.Result fromFile = SparkJob.run(spark, in.toString(), "-o", dir.resolve("a").toString(), "--config", settings.toString());
        assertEquals(0, fromFile.exitCode(), fromFile.rows().get(0).error());
        List<String> args = new ArrayList<>(List.of(in.toString(), "-o", dir.resolve("b").toString()));
        args.addAll(TASK_OPTIONS);
        SparkJob.Result fromOptions = SparkJob.run(spark, args.toArray(String[]::new));
        assertArrayEquals(Files.readAllBytes(dir.resolve("b").resolve("one.png")), Files.readAllBytes(dir.resolve("a").resolve("one.png")));
        assertEquals(fromOptions.rows().get(0).psnr(), fromFile.rows().get(0).psnr());

        // JSON, with the command line's options over the file's
        Path json = Files.writeString(dir.resolve("denoise.json"), "{\"task\": \"denoise\", \"iterations\": 6, \"seed\": 3,"
                + " \"threads\": 1, \"channels-down\": [8, 8], \"channels-skip\": [2, 2], \"quiet\": true}");
        SparkJob.Result overridden = SparkJob.run(spark, in.toString(), "-o", dir.resolve("c").toString(), "--config", json.toString(),
                "--iterations", "4");
        assertEquals(0, overridden.exitCode(), overridden.rows().get(0).error());
        assertEquals(4, overridden.rows().get(0).iterations());
        assertEquals(3, Provenance.fromJson(overridden.rows().get(0).provenance()).settings().seed());
    }

    @Test
    void theRecipeAndTheSettingsFileAreCheckedAsTheClisOptions(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("x.png");
        ImageFiles.write(pattern(16, 16, 1), img, 8);
        assertEquals("skip", SparkOptions.parse("in", "-o", "o", "--task", "denoise", "--recipe", "paper").settings()
                .config(img).net().preset());
        assertEquals("skip-64", SparkOptions.parse("in", "-o", "o", "--task", "denoise").settings().config(img).net().preset());
        Path settings = Files.writeString(dir.resolve("sr.properties"), "task=super-resolve\nscale=4\nrecipe=paper\n");
        SparkOptions o = SparkOptions.parse("in", "-o", "o", "--config", settings.toString(), "--iterations", "7");
        assertEquals("super-resolve", o.task);
        assertEquals(7, o.settings().config(img).iterations());
        String out = dir.resolve("o").toString();
        assertEquals(2, SparkJob.run(dir.toString(), "-o", out, "--task", "denoise", "--recipe", "slow"));
        assertEquals(2, SparkJob.run(dir.toString(), "-o", out), "no task");
        assertEquals(3, SparkJob.run(dir.toString(), "-o", out, "--config", dir.resolve("missing.properties").toString()));
        Path bad = Files.writeString(dir.resolve("bad.properties"), "task=denoise\niteration=3\n");
        assertEquals(2, SparkJob.run(dir.toString(), "-o", out, "--config", bad.toString()));
    }

    @Test
    void badCommandLinesFailBeforeSparkStarts(@TempDir Path dir) {
        assertEquals(2, SparkJob.run(dir.toString(), "-o", dir.resolve("o").toString(), "--task", "deblur"));
        assertEquals(2, SparkJob.run(dir.toString(), "-o", dir.resolve("o").toString(), "--task", "denoise", "--iterations", "0"));
        assertEquals(2, SparkJob.run(dir.toString(), "-o", dir.resolve("o").toString(), "--task", "denoise", "--log", "x.csv"));
        assertEquals(2, SparkJob.run(dir.toString(), "-o", dir.resolve("o").toString(), "--task", "denoise", "--no-such-option"));
    }

    @Test
    void optionsSplitBetweenTheJobAndTheTask() {
        SparkOptions o = SparkOptions.parse("in/", "--task", "super-resolve", "--scale", "4", "x.png", "-o", "out",
                "--iterations", "20", "-q", "--reference", "gt/{name/_lr/}.png", "--slots", "3");
        assertEquals(List.of("in/", "x.png"), o.inputs);
        assertEquals("out", o.output);
        assertEquals(3, o.slots);
        assertEquals(List.of("--scale", "4", "--iterations", "20", "-q"), o.taskOptions);
        assertEquals("gt/butterfly.png", o.referenceFor("butterfly_lr"));
        assertNull(SparkOptions.parse("in", "-o", "o", "--task", "jpeg").referenceFor("x"));
    }
}
