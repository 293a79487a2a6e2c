package dip.cli;

import dip.fit.FitDivergedException;
import dip.image.ImageReadException;
import dip.image.ImageWriteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dip command: Deep Image Prior restoration from the command line. */
@Command(name = "dip", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Restore images with Deep Image Prior: a randomly initialised conv net fitted to one degraded image.",
        subcommands = {DenoiseCommand.class, SuperResolveCommand.class, InpaintCommand.class, JpegCommand.class,
                DownscaleCommand.class, UpscaleCommand.class, CompareCommand.class, RerunCommand.class, BenchCommand.class, NetCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dip denoise' or 'dip --help'");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("dip: " + ex.getMessage());
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex));
        return cl.execute(args);
    }

    static int report(Throwable ex) {
        int code;
        if (ex instanceof UserError u) {
            code = u.exitCode();
        } else if (ex instanceof ImageReadException || ex instanceof dip.restore.Rerun.InputChangedException) {
            code = ExitCode.INPUT;
        } else if (ex instanceof ImageWriteException) {
            code = ExitCode.OUTPUT;
        } else if (ex instanceof dip.fit.CheckpointException c) {
            code = c.writing() ? ExitCode.OUTPUT : ExitCode.INPUT;
        } else if (ex instanceof FitDivergedException) {
            System.err.println("dip: " + firstLine(ex).replace("a lower learning rate usually helps", "try a lower --lr"));
            return ExitCode.DIVERGED;
        } else if (ex instanceof OutOfMemoryError || isNativeOutOfMemory(ex)) {
            System.err.println("dip: out of memory for this image and net; try a smaller image or net");
            return ExitCode.MEMORY;
        } else if (ex instanceof IllegalArgumentException) {
            code = ExitCode.USAGE;
        } else {
            System.err.println("dip: internal error: " + firstLine(ex));
            if (Boolean.getBoolean("dip.debug")) {
                ex.printStackTrace();
            }
            return ExitCode.INTERNAL;
        }
        System.err.println("dip: " + firstLine(ex));
        return code;
    }

    private static boolean isNativeOutOfMemory(Throwable ex) {
        String m = ex.getMessage();
        return m != null && (m.contains("DefaultCPUAllocator: not enough memory") || m.contains("std::bad_alloc"));
    }

    static String firstLine(Throwable ex) {
        return dip.engine.NativeErrors.firstLine(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dip " + (v == null ? "(development build)" : v)};
        }
    }
}
