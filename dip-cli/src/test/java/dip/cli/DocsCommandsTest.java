package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dip.app.DocCommands;
import dip.app.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./dip} command shown in README.md and docs/ (but {@code serve} and {@code spark}: dip-web's and
 * dip-spark's DocsCommandsTest) names a command and options that exist, with values the command takes: parsed by the
 * real command line and checked as the command checks them before it reads anything. The cheap ones run. (The README's
 * quick start runs in CI's .ci/run.)
 */
class DocsCommandsTest {
    private static List<DocCommands.Command> cliCommands() {
        List<DocCommands.Command> all = DocCommands.all().stream()
                .filter(c -> c.program().equals("./dip") && !List.of("serve", "spark").contains(c.subcommand())).toList();
        assertTrue(all.size() > 20, "the documents' ./dip commands were found: " + all.size());
        return all;
    }

    @Test
    void everyDocumentedCommandLineParses() {
        for (DocCommands.Command c : cliCommands()) {
            CommandLine cl = new CommandLine(new Main());
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            try {
                CommandLine.ParseResult pr = cl.parseArgs(c.args().toArray(String[]::new));
                while (pr.hasSubcommand()) {
                    pr = pr.subcommand();
                }
                if (pr.commandSpec().userObject() instanceof FitCommand f) {
                    f.options().validate();
                    f.files.validate();
                }
            } catch (CommandLine.ParameterException | UserError e) {
                fail(c + "\n  " + e.getMessage());
            }
        }
    }

    @Test
    void theCheapOnesRun() {
        int ran = 0;
        for (DocCommands.Command c : cliCommands()) {
            boolean cheap = List.of("net", "help").contains(c.subcommand()) || c.args().contains("--help");
            if (cheap) {
                CliRun r = CliRun.of(c.args().toArray(String[]::new));
                assertEquals(0, r.exitCode(), c + "\n" + r.err());
                assertTrue(!r.out().isBlank(), c.toString());
                ran++;
            }
        }
        assertTrue(ran >= 3, "ran " + ran);
    }
}
