package dip.web;

import dip.fit.Recipe;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageReadException;
import dip.image.Mask;
import dip.net.NetPresets;
import dip.net.SkipConfig;
import dip.restore.NetSpec;
import dip.restore.RestoreConfig;
import dip.restore.StopRule;
import dip.task.TaskSpec;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * {@code POST /api/jobs}: a multipart form (image, task, optional mask, reference and options: recipe, iterations, stop, preset,
 * seed, channels) checked and turned
 * into a queued {@link Job} with its {@link RestoreConfig}. Uploads are stored in the job's folder under names the
 * server chooses, decoded by the CLI's reader ({@link ImageFiles#read}, masks by {@link Mask#fromFile}); anything
 * unusable is an {@link ApiError} with a one-line message, and the folder is removed.
 */
final class JobRequests {
    /** Tasks offered, by the name the form sends. */
    static final List<String> TASKS = List.of("denoise", "jpeg", "super-resolve", "inpaint");
    static final List<Integer> SCALES = List.of(2, 4, 8);
    /** The recipes, as the CLI's --recipe names them: fast (dip's defaults) or paper. */
    static final List<String> RECIPES = Arrays.stream(Recipe.Family.values()).map(Recipe.Family::key).toList();
    static final int MAX_ITERATIONS = 100_000;
    /** Smallest side, as the CLI's: a single pixel has no structure for a prior to restore. */
    static final int MIN_SIDE = 2;
    /** Widest skip net the form may ask for (the paper's has 128 channels per level). */
    static final int MAX_CHANNELS = 256;

    private final Limits limits;

    JobRequests(Limits limits) { this.limits = limits; }

    /** The job the form asks for, with its files written to {@code dir} (created here; removed again on an error). */
    Job create(Context ctx, String id, Path dir) {
        try {
            Files.createDirectories(dir);
            return build(ctx, id, dir);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new ApiError(500, "cannot store the upload: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private Job build(Context ctx, String id, Path dir) throws IOException {
        try {
            ctx.uploadedFiles(); // parses the whole form now, so that a part over the limits is refused here
        } catch (RuntimeException e) {
            throw new ApiError(413, "the upload is too large: at most " + megabytes(limits.maxUploadBytes()) + " per file");
        }
        String task = ctx.formParam("task");
        if (task == null || !TASKS.contains(task)) {
            throw new ApiError(400, "choose a task: one of " + String.join(", ", TASKS) + (task == null ? "" : " (got '" + shorten(task) + "')"));
        }
        int scale = 1;
        if (task.equals("super-resolve")) {
            scale = intParam(ctx, "scale", 4, 2, 8);
            if (!SCALES.contains(scale)) {
                throw new ApiError(400, "the scale is 2, 4 or 8, not " + scale);
            }
        }
        UploadedFile upload = upload(ctx, "image");
        if (upload == null) {
            throw new ApiError(400, "no image: send it as the multipart field 'image'");
        }
        String shownName = "'" + displayName(upload.filename()) + "'";
        Path input = store(upload, dir, "input", "the image " + shownName);
        Image image = read(input, "the image " + shownName);
        if (image.height() < MIN_SIDE || image.width() < MIN_SIDE) {
            throw new ApiError(400, "the image " + shownName + " is " + image.width() + "×" + image.height()
                    + " pixels: too small to restore (at least " + MIN_SIDE + "×" + MIN_SIDE + ")");
        }
        TaskSpec spec;
        Path maskFile = null;
        switch (task) {
            case "denoise" -> spec = TaskSpec.denoise(image);
            case "jpeg" -> spec = TaskSpec.jpeg(image);
            case "super-resolve" -> spec = TaskSpec.superResolve(image, scale);
            default -> {
                UploadedFile m = upload(ctx, "mask");
                if (m == null) {
                    throw new ApiError(400, "inpainting needs a mask: paint the holes over the image, or upload a mask file"
                            + " (white = known, black = hole)");
                }
                maskFile = store(m, dir, "mask-upload", "the mask");
                Image mask;
                try {
                    mask = Mask.fromFile(maskFile, image.height(), image.width());
                } catch (ImageReadException e) {
                    throw new ApiError(400, e.getMessage().replace("mask " + maskFile, "the mask").replace(maskFile.toString(), "the mask"));
                }
                ImageFiles.write(mask, dir.resolve(JobFiles.MASK), 8);
                spec = TaskSpec.inpaint(image, mask);
            }
        }
        Image reference = null;
        Path referenceFile = null;
        UploadedFile r = upload(ctx, "reference");
        if (r != null) {
            String refName = "the reference '" + displayName(r.filename()) + "'";
            referenceFile = store(r, dir, "reference", refName);
            reference = read(referenceFile, refName);
            if (reference.height() != spec.outputHeight() || reference.width() != spec.outputWidth()
                    || reference.channels() != spec.outputChannels()) {
                throw new ApiError(400, refName + " is " + reference.width() + "×" + reference.height() + " with "
                        + reference.channels() + " channel(s) but the result will be " + spec.outputWidth() + "×"
                        + spec.outputHeight() + " with " + spec.outputChannels());
            }
        }
        Recipe.Family recipe = Recipe.Family.byKey(choice(ctx, "recipe", Recipe.Family.FAST.key(), RECIPES));
        RestoreConfig defaults = RestoreConfig.builder(spec).recipe(recipe).build();
        int iterations = intParam(ctx, "iterations", defaults.iterations(), 1, MAX_ITERATIONS);
        String stop = choice(ctx, "stop", defaults.stop().rule(), List.of("auto", "fixed"));
        String preset = choice(ctx, "preset", defaults.net().preset(), NetPresets.names());
        long seed = longParam(ctx, "seed", 0);
        String width = ctx.formParam("channels");
        Integer channels = width == null || width.isBlank() ? null : intParam(ctx, "channels", 0, 1, MAX_CHANNELS);
        NetSpec net = channels == null ? NetSpec.preset(preset) : NetSpec.skip(SkipConfig.defaults(NetSpec.preset("skip").inputDepth(), 3)
                .withChannels(repeat(channels), repeat(channels), repeat(4)));
        RestoreConfig.Builder b = RestoreConfig.builder(spec).recipe(recipe).iterations(iterations)
                .stop(stop.equals("auto") ? StopRule.auto() : StopRule.fixed()).net(net).seed(seed)
                .threads(limits.threads()).reference(reference).inputFile("input", input);
        if (maskFile != null) {
            b.inputFile("mask", maskFile);
        }
        if (referenceFile != null) {
            b.inputFile("reference", referenceFile);
        }
        RestoreConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("task", task);
        shown.put("scale", scale);
        shown.put("label", spec.label());
        shown.put("input", displayName(upload.filename()));
        shown.put("width", image.width());
        shown.put("height", image.height());
        shown.put("outputWidth", spec.outputWidth());
        shown.put("outputHeight", spec.outputHeight());
        shown.put("mask", maskFile != null);
        shown.put("reference", reference != null);
        shown.put("inputFile", input.getFileName().toString());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("recipe", recipe.key());
        options.put("iterations", iterations);
        options.put("stop", stop);
        options.put("preset", channels == null ? preset : "skip, " + channels + " channels");
        options.put("seed", seed);
        if (channels != null) {
            options.put("channels", channels);
        }
        shown.put("options", options);
        return new Job(id, dir, shown, config);
    }

    private static int[] repeat(int v) { return new int[] {v, v, v, v, v}; }

    private UploadedFile upload(Context ctx, String field) {
        UploadedFile f;
        try {
            f = ctx.uploadedFile(field);
        } catch (RuntimeException e) { // the multipart parser refuses a part over its limit
            throw new ApiError(413, "the upload is too large: at most " + megabytes(limits.maxUploadBytes()) + " per file");
        }
        if (f != null && f.size() > limits.maxUploadBytes()) {
            throw new ApiError(413, "the " + field + " is " + megabytes(f.size()) + ": at most " + megabytes(limits.maxUploadBytes())
                    + " per file");
        }
        if (f != null && f.size() == 0) {
            throw new ApiError(400, "the " + field + " is an empty file");
        }
        return f;
    }

    /**
     * Writes an upload into the job's folder as {@code base} + the extension of its format (read from its bytes, never
     * from its name), after checking its pixel count from the header, before any decoding.
     */
    private Path store(UploadedFile f, Path dir, String base, String shownName) throws IOException {
        Path tmp = dir.resolve(base + ".upload");
        try (InputStream in = f.content()) {
            Files.copy(in, tmp);
        }
        String ext = "img";
        try (ImageInputStream in = ImageIO.createImageInputStream(tmp.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers != null && readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    ext = extension(reader.getFormatName());
                    long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                    if (pixels > limits.maxPixels()) {
                        throw new ApiError(413, shownName + " is " + reader.getWidth(0) + "×" + reader.getHeight(0) + " = "
                                + pixels(pixels) + ": this server takes at most " + pixels(limits.maxPixels()) + " (serve --max-pixels)");
                    }
                } catch (IOException | RuntimeException e) {
                    if (e instanceof ApiError a) {
                        throw a;
                    }
                    // a header the reader cannot parse: ImageFiles.read says what is wrong
                } finally {
                    reader.dispose();
                }
            }
        }
        Path file = dir.resolve(base + "." + ext);
        Files.move(tmp, file);
        return file;
    }

    private static String pixels(long n) {
        return n >= 100_000 ? String.format(Locale.ROOT, "%.1f megapixels", n / 1e6) : n + " pixels";
    }

    private static String extension(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return f.contains("png") ? "png" : f.contains("jp") ? "jpg" : f.contains("bmp") ? "bmp" : f.contains("tif") ? "tif" : "img";
    }

    /** Decodes with the CLI's reader; its message names the upload, not the server's file. */
    private static Image read(Path file, String shownName) {
        try {
            ImageFiles.ReadResult r = ImageFiles.read(file);
            return r.image();
        } catch (ImageReadException e) {
            throw new ApiError(400, e.getMessage().replace(file.toString(), shownName));
        }
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        long v = longParam(ctx, name, dflt);
        if (v < min || v > max) {
            throw new ApiError(400, name + " must be between " + min + " and " + max + ", got " + v);
        }
        return (int) v;
    }

    private static long longParam(Context ctx, String name, long dflt) {
        String s = ctx.formParam(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be a whole number, got '" + shorten(s) + "'");
        }
    }

    private static String choice(Context ctx, String name, String dflt, List<String> allowed) {
        String s = ctx.formParam(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        if (!allowed.contains(s)) {
            throw new ApiError(400, name + " must be one of " + String.join(", ", allowed) + ", got '" + shorten(s) + "'");
        }
        return s;
    }

    /** A client's file name, for display only: no folders, printable characters, at most 80 of them. */
    static String displayName(String name) {
        if (name == null || name.isBlank()) {
            return "upload";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return shorten(base.replaceAll("[^\\p{L}\\p{N} ._()+-]", "_"));
    }

    private static String shorten(String s) { return s.length() > 80 ? s.substring(0, 80) + "…" : s; }

    static String megabytes(long bytes) { return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6); }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover folder without job.json is ignored at start
        }
    }
}
