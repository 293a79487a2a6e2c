package dip.cli;

import dip.app.ExitCode;
import dip.app.Failures;
import dip.app.UserError;
import dip.fit.FitResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Several inputs (or directories of them) restored one after another into an output directory: NAME.png and
 * NAME.average.png per image, each with its provenance (NAME.json, NAME.average.json). Each image's restorer frees
 * its native memory when it is done, so memory stays flat over a long batch. One image failing does not stop the others; a summary table ends the run, and
 * the exit code is that of the first failure (0 when every image was restored).
 */
final class Batch {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");
    private final FitCommand cmd;

    private record Row(Path input, int code, String result, FitResult fit, Path output) {}

    Batch(FitCommand cmd) { this.cmd = cmd; }

    int run() {
        refuseSingleImageOptions(cmd);
        List<Path> files = expand(cmd.inputs);
        Path outDir = outputDirectory(cmd.output);
        List<Row> rows = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        int firstFailure = ExitCode.OK;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = stem(file);
            System.err.printf("[%d/%d] %s%n", i + 1, files.size(), file);
            Path clash = names.putIfAbsent(name, file);
            Row row;
            if (clash != null) {
                String msg = "same name as " + clash + ": its output would be overwritten";
                System.err.println("dip: " + file + ": " + msg);
                row = new Row(file, ExitCode.OUTPUT, "failed: " + msg, null, null);
            } else {
                row = restoreOne(file, outDir.resolve(name + ".png"), outDir.resolve(name + ".average.png"));
            }
            rows.add(row);
            if (row.code() != ExitCode.OK && firstFailure == ExitCode.OK) {
                firstFailure = row.code();
            }
            if (row.code() == ExitCode.INTERRUPTED) {
                break; // Ctrl-C stops the batch, not only the current image
            }
        }
        System.out.print(summary(rows, files.size()));
        return firstFailure;
    }

    private Row restoreOne(Path file, Path output, Path average) {
        cmd.input = file;
        cmd.output = output;
        cmd.outputAverage = average;
        cmd.lastResult = null;
        int code;
        String result;
        try {
            code = cmd.restore();
            result = code == ExitCode.OK ? "ok" : "interrupted";
        } catch (Throwable t) { // every failure of one image is reported and the batch goes on
            code = Failures.report(t);
            result = "failed: " + Failures.firstLine(t);
        }
        return new Row(file, code, result, cmd.lastResult, code == ExitCode.OK ? output : null);
    }

    /** A batch writes NAME.png and NAME.average.png per image: options that name one image's file are refused. */
    private static void refuseSingleImageOptions(FitCommand cmd) {
        Map<String, Object> perImage = new java.util.LinkedHashMap<>();
        perImage.put("--reference", cmd.files.reference);
        perImage.put("--output-average", cmd.outputAverage);
        perImage.put("--comparison", cmd.comparison);
        perImage.put("--log", cmd.files.log);
        perImage.put("--snapshots", cmd.files.snapshots);
        perImage.put("--resume", cmd.files.resume);
        perImage.put("--report", cmd.report);
        perImage.forEach((option, value) -> {
            if (value != null) {
                throw new UserError(ExitCode.USAGE, option + " names one image's file and cannot be used with several inputs"
                        + " (a batch writes NAME.png and NAME.average.png into the -o directory)");
            }
        });
    }

    /** Files as given; directories replaced by their images, sorted by name (not recursive). */
    static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                files.add(p); // a missing or unreadable file fails on its own, in its row
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                List<Path> images = s.filter(f -> Files.isRegularFile(f) && IMAGE_EXTENSIONS.contains(extension(f)))
                        .sorted().toList();
                if (images.isEmpty()) {
                    throw new UserError(ExitCode.INPUT, "no images (PNG, JPEG, BMP, TIFF) in directory " + p);
                }
                files.addAll(images);
            } catch (IOException e) {
                throw new UserError(ExitCode.INPUT, "cannot list directory " + p + ": " + e.getMessage());
            }
        }
        return files;
    }

    private static Path outputDirectory(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError(ExitCode.OUTPUT, "with several inputs -o names an output directory, but " + out + " is a file");
        }
        if (!Files.exists(out)) {
            OutputPaths.checkDirectory(OutputPaths.parentOf(out), out);
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UserError(ExitCode.OUTPUT, "cannot create output directory " + out + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String summary(List<Row> rows, int total) {
        StringBuilder sb = new StringBuilder();
        long ok = rows.stream().filter(r -> r.code() == ExitCode.OK).count();
        sb.append(String.format(Locale.ROOT, "%n%d of %d restored%s%n%n", ok, total,
                rows.size() < total ? " (" + (total - rows.size()) + " not started)" : ""));
        sb.append("| input | result | iterations | seconds | output |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.input()).append(" | ").append(r.result().replace("|", "\\|")).append(" | ")
                    .append(r.fit() == null ? "" : Integer.toString(r.fit().iterations())).append(" | ")
                    .append(r.fit() == null ? "" : String.format(Locale.ROOT, "%.1f", r.fit().seconds())).append(" | ")
                    .append(r.output() == null ? "" : r.output().toString()).append(" |\n");
        }
        return sb.toString();
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
