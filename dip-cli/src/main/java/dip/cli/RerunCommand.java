package dip.cli;

import dip.app.ExitCode;
import dip.app.OverwriteOption;
import dip.app.UserError;
import dip.restore.Provenance;
import dip.restore.Rerun;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip rerun NAME.json -o NEW.png: repeats the restoration a provenance file describes. */
@Command(name = "rerun", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Repeat the restoration that wrote NAME.png, from the NAME.json beside it, into a new output with its own NEW.json:",
                "the same inputs, task and settings as used; on the same CPU and threads, the same pixels.",
                "Refused when an input file has changed since (its SHA-256 differs); a warning when dip's or libtorch's version differs."})
public final class RerunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME.json", description = "The provenance file written beside a restored image.")
    Path provenanceFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "NEW.png", description = "The repeated restoration (PNG).")
    Path output;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Override
    public Integer call() {
        Provenance p;
        try {
            p = Provenance.read(provenanceFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.INPUT, e.getMessage());
        }
        Path[] inputs = p.inputs().stream().map(f -> Path.of(f.path())).toArray(Path[]::new);
        Path json = Provenance.besideImage(output);
        OutputPaths.checkImage(output, overwrite.force(), inputs);
        OutputPaths.checkNotOverwritten(json, provenanceFile);
        OutputPaths.checkFile(json, overwrite.force(), inputs);
        RestoreConfig config;
        try {
            config = Rerun.config(p, note -> System.err.println("dip: warning: " + note));
        } catch (IllegalArgumentException e) { // a provenance this dip cannot repeat (or not on this CPU)
            throw new UserError(ExitCode.INPUT, provenanceFile + ": " + e.getMessage());
        }
        String which = p.output() == null ? "output" : p.output().image();
        int bitDepth = p.output() == null ? 8 : p.output().bitDepth();
        Restoration result;
        if (p.tiling() != null) {
            result = tiled(config, p.tiling());
            if (result == null) {
                return ExitCode.INTERRUPTED;
            }
        } else try (Restorer restorer = new Restorer(config)) {
            if (!quiet) {
                System.err.printf("rerun of %s: %s, %s, seed %d, %d threads, %d iterations%n", provenanceFile,
                        restorer.task().name(), restorer.prior().describe(), config.seed(), config.threads(), config.iterations());
            }
            Interrupts interrupts = Interrupts.install(restorer::requestStop);
            try (ProgressDisplay display = ProgressDisplay.create(restorer.task().name(), config.iterations(), quiet)) {
                result = restorer.run(display);
                if (result.stopped()) {
                    return interrupts.finish(() -> System.err.println("dip: interrupted; nothing written"));
                }
            } finally {
                interrupts.uninstall();
            }
        }
        result.write(which, output, bitDepth);
        return wrote(which, json);
    }

    /** A run restored in tiles, repeated tile by tile (no store: nothing is kept if it is stopped); null if stopped. */
    private Restoration tiled(RestoreConfig config, dip.restore.TiledRestorer.Summary t) {
        dip.restore.TiledRestorer restorer = new dip.restore.TiledRestorer(config,
                new dip.restore.TiledRestorer.Tiling(t.tile(), t.overlap()));
        if (!quiet) {
            System.err.printf("rerun of %s in %s, seed %d, %d threads, %d iterations per tile%n", provenanceFile,
                    restorer.plan().describe(), config.seed(), config.threads(), config.iterations());
        }
        Interrupts interrupts = Interrupts.install(restorer::requestStop);
        try {
            return restorer.run(null, new dip.tile.TileListener() {
                @Override
                public void tileFinished(dip.tile.TileProgress progress) {
                    if (!quiet) {
                        System.err.println(progress.describe());
                    }
                }
            }, in -> dip.fit.FitListener.NONE);
        } catch (dip.restore.TiledRestorer.StoppedException e) {
            interrupts.finish(() -> System.err.println("dip: interrupted; nothing written"));
            return null;
        } finally {
            interrupts.uninstall();
        }
    }

    private int wrote(String which, Path json) {
        if (!quiet) {
            System.err.println("wrote " + output + " (the " + which + ") and " + json);
        }
        return ExitCode.OK;
    }
}
