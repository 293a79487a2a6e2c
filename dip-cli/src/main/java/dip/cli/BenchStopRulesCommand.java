package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import dip.bench.BenchInputException;
import dip.bench.StopRules;
import dip.fit.VarianceStop;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip bench stop-rules CURVES...: the automatic stop replayed on bench quality's curves, for several patience values. */
@Command(name = "stop-rules", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the automatic stop (--stop auto) on the per-iteration curves bench quality wrote "
                + "(NAME_curve.csv; a folder is searched), for several patience values, without refitting.",
                "Prints a markdown table: where the rule stops, the PSNR of the output it keeps and of the average at the stop, "
                        + "beside the oracle peak and the fixed recipe."})
public final class BenchStopRulesCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CURVES", description = "NAME_curve.csv files or folders holding them.")
    List<Path> curves;

    @Option(names = "--patience", split = ",", paramLabel = "P", defaultValue = "100,200,300,500,1000",
            description = "Patience values to replay (default: ${DEFAULT-VALUE}; the variance window is the one the curves were "
                    + "recorded with, " + VarianceStop.DEFAULT_WINDOW + " by default).")
    List<Integer> patience;

    @Override
    public Integer call() {
        if (patience.stream().anyMatch(p -> p < 1)) {
            throw new UserError(ExitCode.USAGE, "--patience values must be at least 1");
        }
        try {
            System.out.print(StopRules.table(StopRules.readAll(curves), patience));
        } catch (BenchInputException e) {
            throw BenchErrors.toUserError(e);
        }
        return ExitCode.OK;
    }
}
