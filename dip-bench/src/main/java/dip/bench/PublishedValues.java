package dip.bench;

import dip.bench.BenchInputException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paper's numbers from a {@code published.csv} (columns task,set,image,method,psnr[,protocol]; lines
 * starting with # are comments; image AVERAGE is a set average over the whole set).
 */
public final class PublishedValues {
    public static final String FILE_NAME = "published.csv";
    static final String AVERAGE = "AVERAGE";
    /** A task key's part after the prefix when it carries a number: the text before it, the number, the text after. */
    private static final Pattern PARAMETER = Pattern.compile("(\\D*)(\\d+)(\\D*)");

    public record Row(String task, String set, String image, String method, double psnr, String protocol) {}

    /**
     * The rows that apply to one benchmark run: task key and set as resolved from the data folder (null when
     * nothing matched), per image and method, plus the paper's whole-set averages.
     */
    public record Selection(Path file, String task, String set, List<Row> rows) {
        public static final Selection NONE = new Selection(null, null, null, List.of());

        public boolean found() { return !rows.isEmpty(); }

        public OptionalDouble psnr(String image, String method) {
            return rows.stream().filter(r -> r.image().equals(image) && r.method().equals(method))
                    .mapToDouble(Row::psnr).findFirst();
        }

        /** The paper's AVERAGE rows by method, in file order. */
        public Map<String, Double> setAverages() {
            Map<String, Double> out = new LinkedHashMap<>();
            rows.stream().filter(r -> r.image().equals(AVERAGE)).forEach(r -> out.putIfAbsent(r.method(), r.psnr()));
            return out;
        }

        /**
         * Where the paper's numbers come from, for the report's header and the console: the file, task key and set,
         * or why there are none (no file; no key for this folder; the folder's level is not in the file).
         */
        public String describe(BenchTask benchTask) {
            if (file == null) {
                return "none found";
            }
            if (task == null) {
                return file + " has no task key starting with '" + benchTask.publishedPrefix() + "' that fits this folder";
            }
            if (rows.isEmpty()) {
                return file + " has no rows for task " + task + ": not published, no paper columns";
            }
            return file + ", task " + task + (set == null ? "" : ", set " + set);
        }

        /** The protocols named by the selected rows (normally one). */
        public List<String> protocols() {
            return rows.stream().map(Row::protocol).filter(p -> !p.isEmpty()).distinct().toList();
        }
    }

    private final Path file;
    private final List<Row> rows;

    private PublishedValues(Path file, List<Row> rows) {
        this.file = file;
        this.rows = List.copyOf(rows);
    }

    public Path file() { return file; }

    public List<Row> rows() { return rows; }

    /** published.csv in dir or the nearest ancestor that has one. */
    public static Optional<Path> find(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path f = d.resolve(FILE_NAME);
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static PublishedValues read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchInputException(Problem.BAD_PUBLISHED, "cannot read " + file + ": " + e.getMessage());
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
            if (header == null) {
                header = cells;
                for (String need : List.of("task", "image", "method", "psnr")) {
                    if (!header.contains(need)) {
                        throw new BenchInputException(Problem.BAD_PUBLISHED, file + ": header has no '" + need
                                + "' column (found: " + String.join(",", header) + ")");
                    }
                }
                continue;
            }
            rows.add(row(file, i + 1, header, cells));
        }
        return new PublishedValues(file, rows);
    }

    private static Row row(Path file, int lineNo, List<String> header, List<String> cells) {
        if (cells.size() != header.size()) {
            throw new BenchInputException(Problem.BAD_PUBLISHED, file + " line " + lineNo + ": " + cells.size()
                    + " fields, the header has " + header.size());
        }
        String psnr = cell(header, cells, "psnr");
        try {
            return new Row(cell(header, cells, "task"), cell(header, cells, "set"), cell(header, cells, "image"),
                    cell(header, cells, "method"), Double.parseDouble(psnr), cell(header, cells, "protocol"));
        } catch (NumberFormatException e) {
            throw new BenchInputException(Problem.BAD_PUBLISHED, file + " line " + lineNo + ": psnr '" + psnr + "' is not a number");
        }
    }

    private static String cell(List<String> header, List<String> cells, String column) {
        int i = header.indexOf(column);
        return i < 0 ? "" : cells.get(i);
    }

    /**
     * The rows for a benchmark of {@code task} on {@code dataDir}. The task key is the one starting with the
     * task's prefix. When the keys carry a parameter after the prefix (denoise_s25: the noise level, inpaint_50p:
     * the share of missing pixels), the number at the end of the data folder's name, or of its parent's when the
     * folder's own name ends in none, names it (color50 → denoise_s50); a level without rows gives that key with no
     * rows (not published), never another level's. A folder that names no level gets the only key, if there is
     * one. The set is the one named by the folder or an ancestor (Set5/x4 → Set5), or the only set of that task.
     */
    public Selection select(BenchTask task, Path dataDir) {
        List<String> path = new ArrayList<>();
        for (Path d = dataDir.toAbsolutePath().normalize(); d != null && d.getFileName() != null; d = d.getParent()) {
            path.add(d.getFileName().toString());
        }
        String key = taskKey(task.publishedPrefix(), path);
        if (key == null) {
            return new Selection(file, null, null, List.of());
        }
        TreeSet<String> sets = new TreeSet<>();
        rows.stream().filter(r -> r.task().equals(key)).forEach(r -> sets.add(r.set()));
        String set = sets.stream().filter(s -> path.stream().anyMatch(s::equalsIgnoreCase)).findFirst()
                .orElse(sets.size() == 1 ? sets.first() : null);
        List<Row> chosen = rows.stream().filter(r -> r.task().equals(key) && (set == null || r.set().equals(set)))
                .filter(r -> set != null || !r.image().equals(AVERAGE)).toList();
        return new Selection(file, key, set, chosen);
    }

    private String taskKey(String prefix, List<String> path) {
        List<String> candidates = rows.stream().map(Row::task).filter(t -> t.startsWith(prefix)).distinct().toList();
        Matcher shape = candidates.stream().map(c -> PARAMETER.matcher(c.substring(prefix.length())))
                .filter(Matcher::matches).findFirst().orElse(null);
        String level = namedLevel(path);
        if (shape == null || level == null) {
            return candidates.size() == 1 ? candidates.get(0) : null;
        }
        for (String c : candidates) {
            Matcher m = PARAMETER.matcher(c.substring(prefix.length()));
            if (m.matches() && sameNumber(m.group(2), level)) {
                return c;
            }
        }
        return prefix + shape.group(1) + level + shape.group(3);
    }

    /** The number at the end of the data folder's name, or else of its parent's; null when neither ends in one. */
    private static String namedLevel(List<String> path) {
        return path.stream().limit(2).map(PublishedValues::trailingDigits).filter(d -> !d.isEmpty()).findFirst().orElse(null);
    }

    private static boolean sameNumber(String a, String b) {
        return a.replaceFirst("^0+(?=.)", "").equals(b.replaceFirst("^0+(?=.)", ""));
    }

    private static String trailingDigits(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(i);
    }
}
