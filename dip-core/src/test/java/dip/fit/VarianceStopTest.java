package dip.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Engine;
import dip.engine.Scope;
import dip.engine.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VarianceStopTest {
    @BeforeAll
    static void init() { Engine.init(1); }

    /**
     * Feeds outputs that jitter around 0.5 with amplitude {@code amp(t)} until the rule stops (or t = 300), restarting it
     * before iteration {@code restartAt} (0: never); returns the iteration it stopped at, −1 if it did not.
     */
    private static int run(VarianceStop rule, java.util.function.IntToDoubleFunction amp, int restartAt, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 1; t <= 300; t++) {
            if (t == restartAt) {
                rule.restart();
                assertEquals(null, rule.bestOutput());
            }
            float[] v = new float[64];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.5 + amp.applyAsDouble(t) * (r.nextDouble() - 0.5));
            }
            try (Scope s = new Scope()) {
                if (rule.observe(t, Tensor.of(v, 1, 1, 8, 8))) {
                    return t;
                }
            }
        }
        return -1;
    }

    /** Outputs jitter with an amplitude |t − 60| / 60: quietest around t = 60. */
    @Test
    void findsTheQuietestWindowAndStopsAfterThePatience() {
        VarianceStop rule = new VarianceStop(10, 30);
        int stoppedAt = run(rule, t -> Math.abs(t - 60) / 60.0 + 1e-3, 0, 1);
        // The window (t−9..t) is quietest when it is centred on 60, i.e. ends near 64.
        assertTrue(Math.abs(rule.bestIteration() - 64) <= 4, "best at " + rule.bestIteration());
        assertEquals(rule.bestIteration() + 30, stoppedAt);
        assertNotNull(rule.bestOutput());
    }

    /** A restart forgets the quiet outputs before it: the rule waits for a minimum among the later ones. */
    @Test
    void aRestartForgetsTheEarlierMinimum() {
        VarianceStop rule = new VarianceStop(10, 30);
        // quiet and still quieting before the restart (no stop there), louder after it, quietest around t = 150
        int stoppedAt = run(rule, t -> t <= 50 ? 0.02 - t * 0.0002 : 0.1 + Math.abs(t - 150) / 100.0, 51, 2);
        assertTrue(Math.abs(rule.bestIteration() - 154) <= 6, "best at " + rule.bestIteration());
        assertEquals(rule.bestIteration() + 30, stoppedAt);
    }

    /**
     * Quiet at first (a smooth image's slow start), then loud, quietest again around t = 150: the quiet start lies
     * within the burn-in, so the rule neither keeps it nor stops after it, and stops after the later minimum.
     */
    @Test
    void aQuietStartWithinTheBurnInIsNoMinimum() {
        VarianceStop rule = new VarianceStop(10, 30);
        assertEquals(30, rule.countsFrom());
        int stoppedAt = run(rule, t -> t < 15 ? 0.05 : 0.3 + Math.abs(t - 150) / 300.0, 0, 4);
        // without the burn-in the window ending at 14 (mostly of amplitude 0.05) would be the minimum, and the stop come at 44
        assertTrue(Math.abs(rule.bestIteration() - 154) <= 8, "best at " + rule.bestIteration());
        assertEquals(rule.bestIteration() + 30, stoppedAt);
    }

    /** A checkpoint keeps how far into its burn-in the rule is: the resumed rule stops where the uninterrupted one does. */
    @Test
    void aResumedRuleCountsItsBurnInLikeAnUninterruptedOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        SplittableRandom r = new SplittableRandom(5);
        float[][] x = new float[300][64];
        for (int t = 1; t <= 300; t++) {
            // quietest window ends near 42: after the burn-in (30), before a fresh rule loaded at 20 would count (50)
            double amp = Math.abs(t - 38) / 38.0 + 1e-3;
            for (int i = 0; i < 64; i++) {
                x[t - 1][i] = (float) (0.5 + amp * (r.nextDouble() - 0.5));
            }
        }
        VarianceStop straight = new VarianceStop(10, 30);
        VarianceStop first = new VarianceStop(10, 30);
        int straightStop = 0;
        int resumedStop = 0;
        java.nio.file.Path file = dir.resolve("stop.ckpt");
        VarianceStop resumed = new VarianceStop(10, 30);
        for (int t = 1; t <= 300 && (straightStop == 0 || resumedStop == 0); t++) {
            try (Scope s = new Scope()) {
                Tensor out = Tensor.of(x[t - 1], 1, 1, 8, 8);
                if (straightStop == 0 && straight.observe(t, out)) {
                    straightStop = t;
                }
                if (t <= 20) {
                    first.observe(t, out);
                    if (t == 20) { // saved inside the burn-in, loaded into a fresh rule
                        dip.engine.Archive.Writer w = new dip.engine.Archive.Writer();
                        first.saveTo(w);
                        w.saveAtomically(file);
                        resumed.loadFrom(new dip.engine.Archive.Reader(file));
                    }
                } else if (resumedStop == 0 && resumed.observe(t, out)) {
                    resumedStop = t;
                }
            }
        }
        assertTrue(straightStop > 0 && straightStop < 120, "stopped at " + straightStop);
        assertEquals(straightStop, resumedStop);
        assertEquals(straight.bestIteration(), resumed.bestIteration());
    }

    @Test
    void theVarianceMatchesTheDefinition() {
        VarianceStop rule = new VarianceStop(2, 100);
        try (Scope s = new Scope()) {
            rule.observe(1, Tensor.of(new float[] {0, 0}, 1, 1, 1, 2));
            rule.observe(2, Tensor.of(new float[] {1, 3}, 1, 1, 1, 2));
        }
        // mean (0.5, 1.5); Σ‖x − m‖² = (0.25 + 2.25) · 2 = 5; / W = 2.5; per element / 2 = 1.25
        assertEquals(1.25, rule.lastVariance(), 1e-6);
    }

    @Test
    void badSettings() {
        assertThrows(IllegalArgumentException.class, () -> new VarianceStop(1, 10));
        assertThrows(IllegalArgumentException.class, () -> new VarianceStop(10, 0));
    }
}
