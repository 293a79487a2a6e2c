package dip.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dip.restore.RestoreConfig;
import dip.restore.TiledRestorer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A restoration task's settings, from option words ({@code --iterations 500 --recipe paper}: the options of
 * {@code dip denoise}, {@code jpeg}, {@code super-resolve} or {@code inpaint}, with their names, defaults and checks) or
 * from a settings file, turned into one image's {@link RestoreConfig} by the CLI's own mapping ({@link TaskOptions}).
 * The Spark job restores every image with one; a library user loads a file with {@link #load(Path)}:
 * <pre>{@code
 * RestoreConfig config = RestoreSettings.load(Path.of("denoise.properties")).config(Path.of("noisy.png"));
 * }</pre>
 *
 * <p>A settings file is a Java properties file, or a JSON object when its name ends in {@code .json}. Its keys are
 * {@code task} and the task's option names without their dashes, with the same values and meanings:
 * <pre>
 * task=denoise
 * recipe=fast
 * iterations=3000
 * channels-down=64,64,64,64,64
 * quiet=true
 * </pre>
 * A flag takes {@code true} or {@code false}; a list a comma-separated value (in JSON also an array); a path (the mask)
 * is read as on the command line. Options that name one image's files (--reference, --log, ...) are no settings.
 */
public final class RestoreSettings {
    /** The tasks a settings file or command line can name. */
    public static final List<String> TASKS = List.of("denoise", "jpeg", "super-resolve", "inpaint");

    private final String task;
    private final TaskOptions options;
    private final List<String> words;

    private RestoreSettings(String task, TaskOptions options, List<String> words) {
        this.task = task;
        this.options = options;
        this.words = List.copyOf(words);
    }

    /**
     * Parses {@code words} as the options of the task {@code task}.
     * @throws UserError (exit code 2) for an unknown task, an unknown option or a bad value
     */
    public static RestoreSettings parse(String task, List<String> words) {
        TaskOptions options = TaskOptions.of(task);
        try {
            commandLine(options).parseArgs(words.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
        options.validate();
        return new RestoreSettings(task, options, words);
    }

    /**
     * Reads a settings file (its {@code task} included).
     * @throws UserError naming the file: exit code 3 when it cannot be read, 2 for a bad setting
     */
    public static RestoreSettings load(Path file) {
        try {
            return load(file, null, List.of());
        } catch (UserError e) {
            throw e.getMessage().contains(file.toString()) ? e : new UserError(e.exitCode(), file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a settings file with a command line's task (or null) and option words on top: where both give an option,
     * the command line's wins (the Spark job's {@code --config FILE}).
     */
    public static RestoreSettings load(Path file, String task, List<String> overrides) {
        Map<String, String> values = read(file);
        String fileTask = values.remove("task");
        String t = task != null ? task : fileTask;
        if (t == null) {
            throw new UserError(ExitCode.USAGE, file + " names no task: add task=denoise (or jpeg, super-resolve, inpaint)");
        }
        CommandLine.Model.CommandSpec spec = commandLine(TaskOptions.of(t)).getCommandSpec();
        Set<OptionSpec> overridden = new HashSet<>();
        for (String w : overrides) {
            OptionSpec o = w.startsWith("-") ? spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w) : null;
            if (o != null) {
                overridden.add(o);
            }
        }
        List<String> words = new ArrayList<>();
        values.forEach((key, value) -> {
            OptionSpec o = key.startsWith("-") ? null : spec.findOption((key.length() == 1 ? "-" : "--") + key);
            if (o == null) {
                throw new UserError(ExitCode.USAGE, file + ": unknown setting '" + key + "' for " + t + " (the settings are task and"
                        + " the options of 'dip " + t + "' without their dashes, e.g. iterations=3000)");
            }
            if (overridden.contains(o)) {
                return;
            }
            if (o.arity().max() > 0) {
                words.add(o.longestName());
                words.add(value);
            } else if (value.equalsIgnoreCase("true")) {
                words.add(o.longestName());
            } else if (!value.equalsIgnoreCase("false")) {
                throw new UserError(ExitCode.USAGE, file + ": " + key + " is true or false, not '" + value + "'");
            }
        });
        words.addAll(overrides);
        return parse(t, words);
    }

    /** The task a settings file names, or null. @throws UserError when it cannot be read */
    public static String taskOf(Path file) { return read(file).get("task"); }

    /** A settings file's keys and values, in key order (flags and numbers as text). */
    private static Map<String, String> read(Path file) {
        Map<String, String> values = new TreeMap<>();
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                JsonNode root = new ObjectMapper().readTree(file.toFile());
                if (root == null || !root.isObject()) {
                    throw new UserError(ExitCode.INPUT, "the settings file " + file + " is no JSON object"
                            + " (write e.g. {\"task\": \"denoise\", \"iterations\": 3000})");
                }
                root.fields().forEachRemaining(e -> values.put(e.getKey(), text(file, e.getKey(), e.getValue())));
            } else {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                p.stringPropertyNames().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
            }
        } catch (JsonProcessingException e) {
            throw new UserError(ExitCode.INPUT, "cannot read the settings file " + file + ": not JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(ExitCode.INPUT, "cannot read the settings file " + file + ": " + (Files.exists(file)
                    ? Failures.firstLine(e) : "no such file"));
        }
        return values;
    }

    private static String text(Path file, String key, JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(text(file, key, item)));
            return String.join(",", items);
        }
        if (v.isContainerNode() || v.isNull()) {
            throw new UserError(ExitCode.USAGE, file + ": " + key + " takes a value (text, number, true/false or a list), not " + v);
        }
        return v.asText();
    }

    /**
     * How many arguments after {@code arg} belong to it when it is an option of the task {@code task} (0 for a flag or an
     * {@code --option=value}, 1 for an option with a value), or -1 when it is no option of that task.
     */
    public static int valuesAfter(String task, String arg) {
        if (!TASKS.contains(task) || !arg.startsWith("-")) {
            return -1;
        }
        int eq = arg.indexOf('=');
        OptionSpec o = commandLine(TaskOptions.of(task)).getCommandSpec().findOption(eq > 0 ? arg.substring(0, eq) : arg);
        if (o == null) {
            return -1;
        }
        return eq > 0 || o.arity().max() == 0 ? 0 : 1;
    }

    private static CommandLine commandLine(TaskOptions options) {
        CommandLine cl = new CommandLine(options);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The task's name. */
    public String task() { return task; }

    /** The settings as option words (what travels to a Spark job's executors). */
    public List<String> words() { return words; }

    /** The restoration of the image {@code input} with these settings (reads it, and the mask the settings name). */
    public RestoreConfig config(Path input) { return builder(input, null).build(); }

    /**
     * The restoration of {@code input} with these settings, scored against {@code reference} (or null), as a builder to
     * change more.
     * @throws UserError (exit code 3), {@link dip.image.ImageReadException} when an input cannot be used
     */
    public RestoreConfig.Builder builder(Path input, Path reference) { return options.builder(input, reference); }

    /** The restoration of {@code input} into {@code output}, as the CLI makes it (its checkpoint file beside the output). */
    public RestoreConfig config(Path input, Path reference, Path output) {
        Path dir = output.toAbsolutePath().getParent();
        String base = output.getFileName().toString().replaceAll("(?i)\\.png$", "");
        return builder(input, reference).checkpoints((dir == null ? Path.of(".") : dir).resolve(base + ".ckpt"), 0).build();
    }

    /** --threads, or null when not given. */
    public Integer threads() { return options.fit.threads(); }

    /** --bit-depth. */
    public int bitDepth() { return options.fit.bitDepth(); }

    /** --force. */
    public boolean force() { return options.fit.force(); }

    /** --tile/--overlap, or null. */
    public TiledRestorer.Tiling tiling() { return options.fit.tiling(); }
}
