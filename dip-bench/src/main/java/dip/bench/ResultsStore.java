package dip.bench;

import dip.bench.BenchInputException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * results.csv: one row per (image, settings hash), rows of earlier runs with other settings kept. Rewritten whole
 * after every image (through a temporary file), so an interrupted run loses at most the image in progress. The same
 * CSV table keyed by another column ({@link #open(Path, String)}) holds {@code bench race}'s race.csv.
 */
public final class ResultsStore {
    public static final String FILE_NAME = "results.csv";

    private final Path file;
    private final String key;
    private final List<Map<String, String>> rows;

    private ResultsStore(Path file, String key, List<Map<String, String>> rows) {
        this.file = file;
        this.key = key;
        this.rows = rows;
    }

    public static ResultsStore open(Path outDir) { return open(outDir.resolve(FILE_NAME), "image"); }

    /** The table in {@code file} (empty when missing), its rows told apart by the column {@code key} and settings_hash. */
    public static ResultsStore open(Path file, String key) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BenchInputException(Problem.BAD_RESULTS, "cannot read " + file + ": " + e.getMessage());
            }
            List<String> header = lines.isEmpty() ? List.of() : split(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> cells = split(lines.get(i));
                if (cells.size() != header.size()) {
                    throw new BenchInputException(Problem.BAD_RESULTS, file + " line " + (i + 1) + ": " + cells.size()
                            + " fields, the header has " + header.size() + "; fix or delete the file");
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    row.put(header.get(c), cells.get(c));
                }
                rows.add(row);
            }
        }
        return new ResultsStore(file, key, rows);
    }

    public Path file() { return file; }

    public List<Map<String, String>> rows() { return List.copyOf(rows); }

    public Optional<Map<String, String>> find(String image, String settingsHash) {
        return rows.stream().filter(r -> image.equals(r.get(key)) && settingsHash.equals(r.get("settings_hash")))
                .findFirst();
    }

    /** The first row whose key column is {@code value}, whatever its settings. */
    public Optional<Map<String, String>> find(String value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).findFirst();
    }

    /** Adds the row, replacing one with the same image and settings hash. */
    public void put(Map<String, String> row) {
        rows.removeIf(r -> r.get(key).equals(row.get(key)) && r.get("settings_hash").equals(row.get("settings_hash")));
        rows.add(row);
    }

    /** Adds the row, replacing every row with the same key, whatever its settings (one row per key). */
    public void replace(Map<String, String> row) {
        rows.removeIf(r -> r.get(key).equals(row.get(key)));
        rows.add(row);
    }

    public void save() {
        Set<String> header = new LinkedHashSet<>();
        rows.forEach(r -> header.addAll(r.keySet()));
        StringBuilder sb = new StringBuilder(String.join(",", header.stream().map(ResultsStore::quote).toList())).append('\n');
        for (Map<String, String> r : rows) {
            sb.append(String.join(",", header.stream().map(h -> quote(r.getOrDefault(h, ""))).toList())).append('\n');
        }
        writeAtomically(file, sb.toString());
    }

    /** Writes through a temporary file in the same folder, so readers never see half a file. */
    static void writeAtomically(Path file, String text) {
        try {
            dip.io.AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
