package dip.spark;

import dip.app.ExitCode;
import dip.app.RestoreSettings;
import dip.app.UserError;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark job's command line: inputs, output folder, task, and the task's options, which are the CLI's own
 * ({@link RestoreSettings}: same names, defaults and checks), from the command line or a settings file ({@code --config}),
 * and travel to the executors as text.
 */
@Command(name = "dip spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore every image of a folder or glob (any Hadoop file system: local, hdfs://, s3a://) with Spark,",
                "one fit per task slot, into OUTDIR/NAME.png (+ NAME.json, NAME.average.png) and OUTDIR/manifest.csv.",
                "Every option of the task's command (dip denoise, jpeg, super-resolve, inpaint) is accepted, with its defaults,",
                "on the command line or in a settings file (--config)."})
public final class SparkOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "A folder (its images, not recursive), a glob, or an image; any Hadoop file system URI.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTDIR", description = "Output folder (created if missing).")
    String output;

    @Option(names = "--task", paramLabel = "TASK", description = "denoise, jpeg, super-resolve or inpaint (default: the --config file's task).")
    String task;

    @Option(names = "--config", paramLabel = "FILE", description = {"A settings file, read here on the driver: task=TASK and the task's "
            + "options without their dashes (iterations=3000, recipe=paper, ...), a properties file or a JSON object (NAME.json); "
            + "what the command line gives wins over it."})
    String config;

    @Option(names = "--reference", paramLabel = "TEMPLATE", description = {"Ground truth of each image, for PSNR in the manifest: "
            + "a path in which {name} is the input's file name without extension; {name/A/B} replaces A by B in it "
            + "(e.g. 'gt/{name}.png', 'data/{name/noisy/GT}.png'). A missing file fails that image."})
    String reference;

    @Option(names = "--slots", paramLabel = "N", description = "Local mode only: fits at the same time (default: cores / threads per fit).")
    Integer slots;

    /** The task's options, as typed (parsed by the CLI's command for the task). */
    List<String> taskOptions = new ArrayList<>();

    /** Parses and checks the command line (the task's options included). @throws UserError */
    static SparkOptions parse(String... args) {
        // The task's options are told apart from the inputs by the task command's own model (which take a value).
        String task = value(args, "--task");
        String config = value(args, "--config");
        if (task == null && config != null) {
            task = RestoreSettings.taskOf(Path.of(config));
        }
        List<String> own = new ArrayList<>();
        List<String> theTask = new ArrayList<>();
        CommandLine cl = new CommandLine(new SparkOptions());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            int values = task == null || !a.startsWith("-") || cl.getCommandSpec().findOption(name) != null ? -1
                    : RestoreSettings.valuesAfter(task, a);
            List<String> to = values < 0 ? own : theTask;
            to.add(a);
            for (int k = 0; k < Math.max(values, 0) && i + 1 < args.length; k++) {
                to.add(args[++i]);
            }
            if (values < 0 && cl.getCommandSpec().findOption(name) != null && !a.contains("=") && i + 1 < args.length
                    && cl.getCommandSpec().findOption(name).arity().max() > 0) {
                own.add(args[++i]);
            }
        }
        SparkOptions o = new SparkOptions();
        cl = new CommandLine(o);
        o.taskOptions = theTask;
        try {
            cl.parseArgs(own.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
        if (o.slots != null && o.slots < 1) {
            throw new UserError(ExitCode.USAGE, "--slots must be at least 1, got " + o.slots);
        }
        if (o.config != null) { // the file's settings under the command line's, as words: the executors need no file
            RestoreSettings s = RestoreSettings.load(Path.of(o.config), o.task, o.taskOptions);
            o.task = s.task();
            o.taskOptions = new ArrayList<>(s.words());
        } else if (o.task == null) {
            throw new UserError(ExitCode.USAGE, "Missing required option: '--task=TASK' (or a --config file with task=TASK)");
        }
        o.settings(); // checks the task's options here, before any executor starts
        return o;
    }

    /** The value of the option {@code name} in {@code args} ({@code name VALUE} or {@code name=VALUE}), or null. */
    private static String value(String[] args, String name) {
        String v = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                v = args[i + 1];
            } else if (args[i].startsWith(name + "=")) {
                v = args[i].substring(name.length() + 1);
            }
        }
        return v;
    }

    /** Whether --help or --version was asked for. */
    static boolean helpRequested(String... args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    static String usage() { return new CommandLine(new SparkOptions()).getUsageMessage(); }

    /** The task's options, parsed as the CLI's command for the task parses them. */
    RestoreSettings settings() { return RestoreSettings.parse(task, taskOptions); }

    private static final Pattern NAME = Pattern.compile("\\{name(?:/([^/}]*)/([^/}]*))?}");

    /** The reference of the image called {@code name} (its file name without extension), or null without --reference. */
    String referenceFor(String name) {
        if (reference == null) {
            return null;
        }
        Matcher m = NAME.matcher(reference);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = m.group(1) == null ? name : name.replace(m.group(1), m.group(2));
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
