package dip.cli;

import dip.app.Durations;
import dip.app.ExitCode;
import dip.app.FitOptions;
import dip.app.MemoryCheck;
import dip.app.UserError;
import dip.engine.Cpu;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.image.Image;
import dip.restore.Provenance;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.TiledRestorer;
import dip.tile.Tile;
import dip.tile.TileInput;
import dip.tile.TileListener;
import dip.tile.TileMaskException;
import dip.tile.TilePlan;
import dip.tile.TileProgress;
import dip.tile.TileStore;
import dip.tile.TileStoreException;
import java.nio.file.Path;

/**
 * A restoration command's run in tiles (--tile, or automatic when the whole image does not fit in memory): the
 * finished tiles live in OUTPUT.tiles/ until the output is written, so Ctrl-C keeps them and --resume OUTPUT.tiles
 * continues without redoing them.
 */
final class TiledRun {
    private final FitCommand cmd;
    private final RestoreConfig config;
    private final TiledRestorer.Tiling tiling;
    private final Image reference;

    TiledRun(FitCommand cmd, RestoreConfig config, TiledRestorer.Tiling tiling, Image reference) {
        this.cmd = cmd;
        this.config = config;
        this.tiling = tiling;
        this.reference = reference;
    }

    int run() {
        FitOptions fit = cmd.fit();
        if (cmd.files.log != null || cmd.files.snapshots != null || cmd.report != null || cmd.comparison != null) {
            throw new UserError(ExitCode.USAGE, "--log, --snapshots, --report and --comparison follow one fit: not with tiles "
                    + "(each tile is a fit of its own)");
        }
        TiledRestorer restorer;
        try {
            restorer = new TiledRestorer(config, tiling);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--tile/--overlap: " + e.getMessage());
        }
        // fewer tiles at once where the memory holds fewer fits: the same pixels, more time
        restorer.withTilesAtOnce(MemoryCheck.fitsAtOnce(restorer.tilesAtOnce(), restorer::estimatedBytes));
        MemoryCheck.require(restorer.estimatedBytes());
        TilePlan plan = restorer.plan();
        TileStore store = openStore(restorer);
        if (!fit.quiet()) {
            System.err.printf("%s: %s (%s) in %s, %s on %s, %s, each tile %s, lr %s; estimated peak memory %.1f GiB%n",
                    config.task().label(), cmd.input, config.task().image().shape(), plan.describe(), config.precision().label(),
                    Cpu.instructionSet(), restorer.tilesAtOnce() > 1
                            ? restorer.tilesAtOnce() + " tiles at once on " + restorer.tileThreads() + " thread each"
                            : config.threads() + " threads", config.stop().automatic()
                            ? "at most " + config.iterations() + " iterations (stops by itself)"
                            : config.iterations() + " iterations", config.lr(), restorer.estimatedBytes() / (double) (1L << 30));
        }
        Progress progress = new Progress(fit.quiet(), config, restorer.tilesAtOnce() > 1);
        Interrupts interrupts = Interrupts.install(restorer::requestStop);
        Restoration result;
        try {
            result = restorer.run(store, progress, in -> progress.display);
        } catch (TiledRestorer.StoppedException e) {
            progress.closeDisplay();
            return interrupts.finish(() -> System.err.printf("dip: interrupted during %s; the finished tiles are in %s "
                    + "(continue with --resume %s)%n", e.tile().describe(plan.count()), store.folder(), store.folder()));
        } catch (TileMaskException e) {
            throw new UserError(ExitCode.INPUT, e.getMessage());
        } catch (TileStoreException e) {
            throw new UserError(ExitCode.OUTPUT, e.getMessage());
        } finally {
            progress.closeDisplay();
            interrupts.uninstall();
        }
        result.writeOutput(cmd.output, fit.bitDepth());
        if (cmd.outputAverage != null) {
            result.writeAverage(cmd.outputAverage, fit.bitDepth());
        }
        store.delete();
        FitResult r = result.fit();
        cmd.lastResult = r;
        if (!fit.quiet()) {
            TiledRestorer.Summary s = result.provenance().tiling();
            System.err.printf("done: %d tiles (%d restored now, %d automatic stops), %d iterations in all, in %s%n", s.tiles(),
                    s.tiles() - s.resumedTiles(), s.autoStopped(), r.iterations(), Durations.format(r.seconds()));
            if (reference != null) {
                FitCommand.printScores(config, r, reference);
                if (s.seams() != null) {
                    System.err.println(s.seams().describe());
                }
            }
            System.err.println("wrote " + cmd.output + " (and " + Provenance.besideImage(cmd.output).getFileName() + ")"
                    + (cmd.outputAverage != null ? ", " + cmd.outputAverage : ""));
        }
        return ExitCode.OK;
    }

    /** OUTPUT.tiles: continued with --resume, replaced with --force, refused otherwise when an earlier run left it. */
    private TileStore openStore(TiledRestorer restorer) {
        Path folder = TileStore.folderFor(cmd.output);
        FitOptions fit = cmd.fit();
        try {
            if (cmd.files.resume != null) {
                if (!cmd.files.resume.toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize())) {
                    throw new UserError(ExitCode.USAGE, "a tiled run continues from its tile folder: --resume " + folder);
                }
                return TileStore.resume(folder, restorer.manifest());
            }
            if (java.nio.file.Files.exists(folder)) {
                if (!fit.force()) {
                    throw new UserError(ExitCode.OUTPUT, folder + " is there (the tiles of an earlier run?): continue it with --resume "
                            + folder + ", or start over with --force");
                }
                TileStore.delete(folder);
            }
            return TileStore.create(folder, restorer.manifest());
        } catch (TileStoreException e) {
            throw new UserError(ExitCode.OUTPUT, e.getMessage());
        }
    }

    /**
     * Tile k/n with the overall ETA, and each tile's fit on a progress display of its own; with several tiles at once,
     * a line when each starts instead (their displays would overwrite each other's line).
     */
    private static final class Progress implements TileListener {
        private final boolean quiet;
        private final RestoreConfig config;
        private final boolean concurrent;
        FitListener display = FitListener.NONE;
        private ProgressDisplay open;

        Progress(boolean quiet, RestoreConfig config, boolean concurrent) {
            this.quiet = quiet;
            this.config = config;
            this.concurrent = concurrent;
        }

        @Override
        public void started(TilePlan plan, int alreadyDone) {
            if (!quiet && alreadyDone > 0) {
                System.err.printf("%d of %d tiles were finished by an earlier run: not redone%n", alreadyDone, plan.count());
            }
        }

        @Override
        public void tileStarted(TileInput in) {
            if (concurrent) {
                if (!quiet) {
                    System.err.println(in.tile().describe(in.count()) + " started");
                }
                return;
            }
            closeDisplay();
            open = ProgressDisplay.create(config.task().label() + ", " + in.tile().describe(in.count()), config.iterations(), quiet);
            display = open;
        }

        @Override
        public void tileFinished(TileProgress p) {
            if (!concurrent) {
                closeDisplay();
            }
            if (!quiet) {
                System.err.println(p.describe());
            }
        }

        void closeDisplay() {
            if (open != null) {
                open.close();
                open = null;
                display = FitListener.NONE;
            }
        }
    }
}
