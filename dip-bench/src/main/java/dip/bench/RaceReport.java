package dip.bench;

import dip.engine.Engine;
import dip.image.Image;
import dip.restore.BuildInfo;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** race.md: the machine, what t = 0 is, and a row per path. */
final class RaceReport {
    private RaceReport() {}

    static String markdown(RaceConfig cfg, Image input, List<Race.Entry> entries, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# bench race: %s of %s (%d×%d) against %s%n%n", Race.taskLabel(cfg),
                cfg.image().getFileName(), input.width(), input.height(), cfg.reference().getFileName()));
        sb.append(String.format(Locale.ROOT, "CPU: %s, %d cores, instruction set: %s; threads: %d; seed %d; %s; dip %s (commit %s); %s%n%n",
                Machine.cpuModel(), Machine.cores(), Machine.instructionSet(), cfg.threads(), cfg.seed(),
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                BuildInfo.version(), BuildInfo.commit(), Engine.version()));
        sb.append("t = 0 of a path: its restorer starts building the data term, the net and z (after the images were read "
                + "and libtorch's natives loaded; not the JVM's start; the first path fitted in a process also pays the "
                + "first use of libtorch's kernels); seconds are wall-clock from there to the end of an iteration. PSNR of the output "
                + "and of the running average against the reference at every iteration; the final PSNRs are those of the "
                + "restoration returned (with the automatic stop, the output at the rule's minimum). Peak RSS is the "
                + "process's VmHWM, reset before each path.\n\n");
        if (cfg.tiling() != null) {
            sb.append(String.format(Locale.ROOT, "Every path restores the image in tiles of %d pixels, overlap %d, as `--tile %d "
                    + "--overlap %d` does (with %d threads, as many tiles at once as the plan and the threads allow, one thread "
                    + "each): the whole image exists once every tile is blended, so a path's curve is one point, at its end; "
                    + "s/iteration is the wall time of one tile's iteration on its thread (wall × tiles at once / iterations), "
                    + "and the start-up is part of the tiles' fits.%n%n", cfg.tiling().tile(), cfg.tiling().overlap(),
                    cfg.tiling().tile(), cfg.tiling().overlap(), cfg.threads()));
        }
        sb.append("| path | net (parameters) | precision | lr | recipe iterations | stop rule | stopped | output dB | average dB "
                + "| s/iteration (median) | start-up s | wall s | peak RSS MiB |");
        cfg.outputTargets().forEach(t -> sb.append(" output ≥ ").append(RaceResult.number(t)).append(" dB |"));
        cfg.averageTargets().forEach(t -> sb.append(" average ≥ ").append(RaceResult.number(t)).append(" dB |"));
        sb.append('\n').append("|---".repeat(13 + cfg.outputTargets().size() + cfg.averageTargets().size())).append("|\n");
        for (Race.Entry e : entries) {
            RaceResult r = e.result();
            sb.append(String.format(Locale.ROOT, "| %s | %s (%d) | %s on %s | %s | %d | %s | %s | %.2f | %.2f | %.3f | %s | %.1f | %.0f%s |",
                    r.label(), r.net(), r.parameters(), r.precision(), r.instructionSet(), r.lr(), r.recipeIterations(),
                    r.stopRule(), r.stoppedBy(), r.psnrOutput(), r.psnrAverage(), r.secondsPerIteration(),
                    Double.isFinite(r.startupSeconds()) ? String.format(Locale.ROOT, "%.1f", r.startupSeconds()) : "–", r.seconds(), r.peakRssMiB(), r.peakRssScope().equals("path") ? "" : " (process, cumulative)"));
            cfg.outputTargets().forEach(t -> sb.append(' ').append(reach(e.curve().outputReach(t))).append(" |"));
            cfg.averageTargets().forEach(t -> sb.append(' ').append(reach(e.curve().averageReach(t))).append(" |"));
            sb.append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    private static String reach(RaceCurve.Reach r) { return r == null ? "never" : r.describe(); }
}
