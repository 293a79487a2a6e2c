package dip.cli;

import dip.app.ExitCode;
import dip.app.Failures;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Failures.report(ex));
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dip " + (v == null ? "(development build)" : v)};
        }
    }
}
