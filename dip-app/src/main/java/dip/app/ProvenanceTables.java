package dip.app;

import dip.prior.DeepPrior;
import dip.restore.Provenance;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The report page's tables, read from the same provenance that is written beside the output (NAME.json). */
public final class ProvenanceTables {
    private ProvenanceTables() {}

    /** The settings table: what ran, read from the provenance ({@code input}: the input file as shown). */
    public static Map<String, String> settings(Provenance p, Path input) {
        Provenance.Settings s = p.settings();
        Map<String, String> m = FitReport.ordered();
        m.put("task", p.task().kind() + (p.task().factor() > 1 ? " x" + p.task().factor() : ""));
        m.put("input", input.toString());
        p.inputs().forEach(f -> m.put("SHA-256 of " + f.role(), f.sha256()));
        m.put("prior", p.run().prior());
        m.put("iterations", Integer.toString(s.iterations()));
        m.put("learning rate", s.lr() + (s.schedule() == dip.fit.LrSchedule.CONSTANT ? "" : ", " + s.schedule().key()
                + " schedule"));
        m.put("reg noise σp", DeepPrior.regNoiseLabel(s.regNoise()) + (s.regNoiseWarmupOrZero() == 0 ? ""
                : ", halved for the first " + s.regNoiseWarmupOrZero() + " iterations"));
        m.put("precision", s.precision() + " on " + p.run().instructionSet());
        m.put("seed", s.runsOrOne() == 1 ? Long.toString(s.seed())
                : s.seed() + " to " + (s.seed() + s.runsOrOne() - 1) + " (" + s.runsOrOne() + " runs, results averaged)");
        m.put("threads", Integer.toString(s.threads()));
        m.put("stop", s.stop().describe());
        m.put("output average decay", Double.toString(s.averageDecay()));
        m.put("result", s.resultImage() == dip.fit.ResultImage.AVERAGE ? "the running average of the outputs" : "the output");
        m.put("backtracking", s.backtrackDb() > 0 ? "when the data-term PSNR drops by more than " + s.backtrackDb() + " dB" : "off");
        m.put("software", "dip " + p.software().dip() + " (commit " + p.software().commit() + "), " + p.software().libtorch());
        return m;
    }

    /** The results table: scores, iterations and timing ({@code output}: the output file as shown). */
    public static Map<String, String> results(Provenance p, Path output) {
        Provenance.Result r = p.result();
        Map<String, String> m = FitReport.ordered();
        m.put("output", output.toString());
        if (r.outputScores() != null) {
            m.put("input vs reference", r.input() != null ? scores(p, r.input()) : "(other size)");
            m.put("output vs reference", scores(p, r.outputScores()));
            m.put("average vs reference", scores(p, r.averageScores()));
        }
        m.put("iterations run", r.iterations() + (r.stoppedBy().equals("auto") ? " (stopped automatically; output from iteration "
                + r.outputIteration() + ")" : ""));
        m.put("roll-backs", Integer.toString(r.backtracks()));
        if (r.endedWithStateOf() != null) {
            m.put("divergence", "did not come back after a roll-back: output and average from iteration " + r.endedWithStateOf());
        }
        if (r.fp32From() != null) {
            m.put("precision", "computed in fp32 from iteration " + r.fp32From() + " (the bf16 fit diverged twice)");
        }
        m.put("wall time", Durations.format(r.seconds()) + String.format(Locale.ROOT, " (%.3f s/iteration)",
                r.seconds() / Math.max(1, r.iterations())));
        return m;
    }

    private static String scores(Provenance p, Provenance.Scores s) {
        String psnr = String.format(Locale.ROOT, p.task().protocol().equals("y_shave") ? "Y-PSNR %.2f dB (shave 4/5)" : "PSNR %.2f dB", s.psnr());
        return s.ssim() == null ? psnr : psnr + String.format(Locale.ROOT, ", SSIM %.4f", s.ssim());
    }
}
