package dip.cli;

import dip.restore.RestoreConfig;
import dip.restore.TiledRestorer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * A restoration command's options (those of {@code dip denoise}, {@code jpeg}, {@code super-resolve} or
 * {@code inpaint}, with the same names, defaults and checks) for restoring many images elsewhere, e.g. on the
 * executors of a Spark job: parsed without inputs or output, then turned into one image's {@link RestoreConfig}
 * by the command's own mapping ({@link FitCommand#readConfig()}). Options that name one image's file are refused as
 * in a batch.
 */
public final class TaskCommandLine {
    /** The tasks a command line can name. */
    public static final List<String> TASKS = List.of("denoise", "jpeg", "super-resolve", "inpaint");

    private final String task;
    private final FitCommand cmd;

    private TaskCommandLine(String task, FitCommand cmd) {
        this.task = task;
        this.cmd = cmd;
    }

    /**
     * Parses {@code options} as the options of the command {@code task}.
     * @throws UserError (exit code 2) for an unknown task, an unknown option or a bad value
     */
    public static TaskCommandLine parse(String task, List<String> options) {
        if (!TASKS.contains(task)) {
            throw new UserError(ExitCode.USAGE, "--task must be one of " + String.join(", ", TASKS) + ", got '" + task + "'");
        }
        CommandLine main = new CommandLine(new Main());
        main.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine sub = main.getSubcommands().get(task);
        List<String> args = new java.util.ArrayList<>();
        args.add(task);
        args.addAll(options);
        args.addAll(List.of("-o", "output.png", "input.png")); // placeholders: each image sets its own
        try {
            main.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
        FitCommand cmd = sub.getCommand();
        cmd.fit.validate();
        cmd.priorOptions.validate();
        cmd.validateOwnOptions();
        Batch.refuseSingleImageOptions(cmd);
        if (cmd.fit.checkpointEvery != null) {
            throw new UserError(ExitCode.USAGE, "--checkpoint-every names one fit's checkpoint file and cannot be used here");
        }
        return new TaskCommandLine(task, cmd);
    }

    /**
     * How many arguments after {@code arg} belong to it when it is an option of the command {@code task} (0 for a flag
     * or an {@code --option=value}, 1 for an option with a value), or -1 when it is no option of that command.
     */
    public static int valuesAfter(String task, String arg) {
        if (!TASKS.contains(task)) {
            return -1;
        }
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(0, eq) : arg;
        CommandLine.Model.OptionSpec o = new CommandLine(new Main()).getSubcommands().get(task).getCommandSpec().findOption(name);
        if (o == null || !(name.startsWith("-"))) {
            return -1;
        }
        return eq > 0 || o.arity().max() == 0 ? 0 : 1;
    }

    /** The task's name. */
    public String task() { return task; }

    /**
     * Reads the image {@code input} (and {@code reference}, or null) and returns its restoration as this command line
     * asks for it, with {@code output} as the image it will be written to.
     * @throws UserError, {@link dip.image.ImageReadException} when an input cannot be used
     */
    public synchronized RestoreConfig config(Path input, Path reference, Path output) {
        cmd.input = input;
        cmd.fit.reference = reference;
        cmd.output = output;
        try {
            return cmd.readConfig();
        } finally {
            cmd.fit.reference = null;
        }
    }

    /** --threads, or null when not given. */
    public Integer threads() { return cmd.fit.threads; }

    /** --bit-depth. */
    public int bitDepth() { return cmd.fit.bitDepth; }

    /** --force. */
    public boolean force() { return cmd.fit.force(); }

    /** --tile/--overlap, or null. */
    public TiledRestorer.Tiling tiling() { return cmd.fit.tiling(); }

    /** Prints the one-line message of a failure on stderr ({@code dip: ...}) and returns its exit code, as the CLI does. */
    public static int report(Throwable t) { return Main.report(t); }

    /** The first line of a failure's message. */
    public static String firstLine(Throwable t) { return Main.firstLine(t); }
}
