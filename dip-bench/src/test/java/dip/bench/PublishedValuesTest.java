package dip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding published.csv above the data folder, reading it by its header, and picking the rows for a run. */
class PublishedValuesTest {
    @TempDir
    Path root;

    /** Columns in another order than the shared file's, comments and a blank line, two denoise tasks, two SR sets. */
    static final String CSV = """
            # comment line, then the header
            method,task,image,set,psnr,protocol
            # another comment
            dip,sr_x4,baby,Set5,31.49,y_shave
            bicubic,sr_x4,baby,Set5,31.78,y_shave
            dip,sr_x4,AVERAGE,Set5,29.90,y_shave
            dip,sr_x4,AVERAGE,Set14,27.00,y_shave

            dip,denoise_s25,F16,color,33.69,rgb
            dip,denoise_s50,F16,color,29.17,rgb
            dip_exp_average,denoise_s25,AVERAGE,color,30.43,rgb
            """;

    @Test
    void foundInAnAncestorAndSelectedBySetFolder() throws Exception {
        Files.writeString(root.resolve("published.csv"), CSV);
        Path data = Files.createDirectories(root.resolve("sr/Set5/x4"));
        assertEquals(root.resolve("published.csv").toAbsolutePath(), PublishedValues.find(data).orElseThrow());
        PublishedValues pv = PublishedValues.read(PublishedValues.find(data).orElseThrow());
        assertEquals(7, pv.rows().size());
        PublishedValues.Selection s = pv.select(BenchTask.SR4, data);
        assertEquals("sr_x4", s.task());
        assertEquals("Set5", s.set());
        assertEquals(31.49, s.psnr("baby", "dip").getAsDouble(), 1e-9);
        assertEquals(31.78, s.psnr("baby", "bicubic").getAsDouble(), 1e-9);
        assertEquals(29.90, s.setAverages().get("dip"), 1e-9); // Set5's average, not Set14's
        assertEquals(List.of("y_shave"), s.protocols());
        assertTrue(pv.select(BenchTask.SR8, data).rows().isEmpty());
    }

    @Test
    void denoiseTaskChosenByTheNoiseLevelInTheFolderName() throws Exception {
        Files.writeString(root.resolve("published.csv"), CSV);
        PublishedValues pv = PublishedValues.read(root.resolve("published.csv"));
        PublishedValues.Selection s25 = pv.select(BenchTask.DENOISE, root.resolve("denoise/color25"));
        assertEquals("denoise_s25", s25.task());
        assertEquals("color", s25.set());
        assertEquals(33.69, s25.psnr("F16", "dip").getAsDouble(), 1e-9);
        assertEquals(30.43, s25.setAverages().get("dip_exp_average"), 1e-9);
        assertEquals(29.17, pv.select(BenchTask.DENOISE, root.resolve("denoise/color50")).psnr("F16", "dip").getAsDouble(), 1e-9);
        assertNull(pv.select(BenchTask.DENOISE, root.resolve("denoise/colour")).task()); // ambiguous: no guess
    }

    /** Issue #17: a σ50 folder beside a file with σ25 rows only must not be shown the σ25 numbers. */
    @Test
    void aLevelTheFileLacksIsNotPublishedNeverAnotherLevels() throws Exception {
        Files.writeString(root.resolve("published.csv"), """
                task,set,image,method,psnr,protocol
                denoise_s25,color,F16,dip,33.69,rgb
                denoise_s25,color,F16,cbm3d,32.67,rgb
                denoise_s25,color,AVERAGE,dip_exp_average,30.43,rgb
                inpaint_50p,gray,house,dip,39.16,rgb
                sr_x4,Set5,baby,dip,31.49,y_shave
                """);
        PublishedValues pv = PublishedValues.read(root.resolve("published.csv"));
        Path color50 = Files.createDirectories(root.resolve("denoise/color50"));
        PublishedValues.Selection s50 = pv.select(BenchTask.DENOISE, color50);
        assertEquals("denoise_s50", s50.task());
        assertFalse(s50.found());
        assertTrue(s50.psnr("F16", "dip").isEmpty());
        assertTrue(s50.setAverages().isEmpty());
        assertTrue(s50.describe(BenchTask.DENOISE).contains("denoise_s50") && s50.describe(BenchTask.DENOISE).contains("not published"),
                s50.describe(BenchTask.DENOISE));
        // The level may also be named by the parent folder; without any number the only key is still used.
        assertEquals("denoise_s50", pv.select(BenchTask.DENOISE, root.resolve("sigma50/kodak")).task());
        assertEquals(33.69, pv.select(BenchTask.DENOISE, root.resolve("denoise/color")).psnr("F16", "dip").getAsDouble(), 1e-9);
        assertEquals(33.69, pv.select(BenchTask.DENOISE, root.resolve("denoise/color25")).psnr("F16", "dip").getAsDouble(), 1e-9);
        // The same for other keys with a parameter: inpaint's share of missing pixels, the SR factor.
        assertEquals("inpaint_30p", pv.select(BenchTask.INPAINT, root.resolve("inpaint/gray30")).task());
        assertFalse(pv.select(BenchTask.INPAINT, root.resolve("inpaint/gray30")).found());
        assertEquals(39.16, pv.select(BenchTask.INPAINT, root.resolve("inpaint/gray50")).psnr("house", "dip").getAsDouble(), 1e-9);
        assertFalse(pv.select(BenchTask.SR8, root.resolve("sr/Set5/x8")).found());
        assertEquals(31.49, pv.select(BenchTask.SR4, root.resolve("sr/Set5")).psnr("baby", "dip").getAsDouble(), 1e-9); // Set5's 5 is no factor

        // results.md: the header says so and there are no paper columns.
        String md = QualityReport.markdown(QualityConfig.of(BenchTask.DENOISE, color50), s50, List.of(), 3);
        assertTrue(md.contains("- published: " + root.resolve("published.csv").toAbsolutePath() + " has no rows for task denoise_s50"), md);
        assertFalse(md.contains("| paper ") || md.contains("33.69") || md.contains("30.43") || md.contains("denoise_s25"), md);
    }

    @Test
    void noFileAnywhereAndBadLinesAreReported() throws Exception {
        Path deep = Files.createDirectories(root.resolve("a/b"));
        // The temp folder's own ancestors normally hold no published.csv; only assert when that is so.
        if (PublishedValues.find(root.getParent()).isEmpty()) {
            assertFalse(PublishedValues.find(deep).isPresent());
        }
        Files.writeString(root.resolve("published.csv"), "task,image,method,psnr\nsr_x4,baby,dip,high\n");
        BenchInputException e = assertThrows(BenchInputException.class, () -> PublishedValues.read(root.resolve("published.csv")));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("high"), e.getMessage());
        Files.writeString(root.resolve("published.csv"), "task,image,value\n");
        assertThrows(BenchInputException.class, () -> PublishedValues.read(root.resolve("published.csv")));
    }

    @Test
    void theSharedFileParses() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("shared/data/bench/published.csv");
            if (Files.isRegularFile(f)) {
                PublishedValues pv = PublishedValues.read(f);
                PublishedValues.Selection s = pv.select(BenchTask.SR4, f.getParent().resolve("sr/Set5/x4"));
                assertEquals(29.90, s.setAverages().get("dip"), 1e-9);
                assertEquals(5, s.rows().stream().filter(r -> r.method().equals("dip") && !r.image().equals("AVERAGE")).count());
                assertEquals("inpaint_50p", pv.select(BenchTask.INPAINT, f.getParent().resolve("inpaint/gray50")).task());
                assertEquals("denoise_s50", pv.select(BenchTask.DENOISE, f.getParent().resolve("denoise/color50")).task());
                return;
            }
        }
    }
}
