package dip.bench;

import dip.bench.BenchInputException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the images of a benchmark folder (see shared/data/README.md):
 * <ul>
 *   <li>super-resolution: {@code NAME_GT.png} (the HR ground truth), or, when there is none, every plain image
 *       file (Set5-style folders of HR images);</li>
 *   <li>denoise: {@code NAME_GT.png} with {@code NAME_noisy.png};</li>
 *   <li>inpaint: {@code NAME_GT.png} with {@code NAME_masked.png} (0 = hole).</li>
 * </ul>
 * Images are returned sorted by name; a ground truth without its partner is skipped and reported.
 */
public final class BenchFolder {
    static final String GT_SUFFIX = "_GT";
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    /** One benchmark image: its ground truth and, except for super-resolution, the degraded observation. */
    public record Entry(String name, Path groundTruth, Path observation) {}

    /** The images found, and notes on files that were skipped. */
    public record Discovery(Path folder, List<Entry> entries, List<String> skipped) {
        public Discovery {
            entries = List.copyOf(entries);
            skipped = List.copyOf(skipped);
        }

        public List<String> names() { return entries.stream().map(Entry::name).toList(); }

        /** The entries named (in the order given); every name must exist. */
        public List<Entry> select(List<String> wanted) {
            if (wanted == null || wanted.isEmpty()) {
                return entries;
            }
            List<Entry> out = new ArrayList<>();
            for (String w : wanted) {
                Entry e = entries.stream().filter(x -> x.name().equals(w)).findFirst().orElseThrow(() ->
                        new BenchInputException(Problem.UNKNOWN_IMAGE, "no image '" + w + "' in " + folder
                                + "; available: " + String.join(", ", names())));
                if (!out.contains(e)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    private BenchFolder() {}

    public static Discovery discover(Path dir, BenchTask task) {
        if (!Files.exists(dir)) {
            throw new BenchInputException(Problem.MISSING_FOLDER, "data folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new BenchInputException(Problem.MISSING_FOLDER, "data folder " + dir + " is not a folder");
        }
        Map<String, Path> files = imageFiles(dir);
        Discovery d = switch (task) {
            case SR4, SR8 -> superResolution(dir, files);
            case DENOISE -> paired(dir, files, "_noisy");
            case INPAINT -> paired(dir, files, "_masked");
        };
        if (d.entries().isEmpty()) {
            throw new BenchInputException(Problem.NO_IMAGES, "no benchmark images for '" + task.cliName() + "' in "
                    + dir + ": expected " + expected(task));
        }
        return d;
    }

    private static String expected(BenchTask task) {
        return switch (task) {
            case SR4, SR8 -> "NAME_GT.png files or plain image files (the HR ground truth)";
            case DENOISE -> "NAME_GT.png with NAME_noisy.png";
            case INPAINT -> "NAME_GT.png with NAME_masked.png";
        };
    }

    private static Discovery superResolution(Path dir, Map<String, Path> files) {
        List<Entry> gt = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String stem = stem(f.getKey());
            if (stem.endsWith(GT_SUFFIX) && f.getKey().toLowerCase(Locale.ROOT).endsWith(".png")) {
                gt.add(new Entry(stem.substring(0, stem.length() - GT_SUFFIX.length()), f.getValue(), null));
            }
        }
        if (!gt.isEmpty()) {
            return new Discovery(dir, gt, List.of());
        }
        List<Entry> plain = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String name = stem(f.getKey());
            if (plain.stream().anyMatch(e -> e.name().equals(name))) {
                skipped.add(f.getKey() + " (another file has the name " + name + ")");
            } else {
                plain.add(new Entry(name, f.getValue(), null));
            }
        }
        return new Discovery(dir, plain, skipped);
    }

    private static Discovery paired(Path dir, Map<String, Path> files, String partnerSuffix) {
        List<Entry> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String file = f.getKey();
            if (!file.endsWith(GT_SUFFIX + ".png")) {
                continue;
            }
            String name = file.substring(0, file.length() - (GT_SUFFIX + ".png").length());
            Path partner = files.get(name + partnerSuffix + ".png");
            if (partner == null) {
                skipped.add(file + " (no " + name + partnerSuffix + ".png)");
            } else {
                out.add(new Entry(name, f.getValue(), partner));
            }
        }
        return new Discovery(dir, out, skipped);
    }

    /** Regular, non-hidden image files of the folder by file name, sorted. */
    private static Map<String, Path> imageFiles(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                if (!n.startsWith(".") && dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                    out.put(n, p);
                }
            });
        } catch (IOException e) {
            throw new BenchInputException(Problem.MISSING_FOLDER, "cannot list data folder " + dir + ": " + e.getMessage());
        }
        return out;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
