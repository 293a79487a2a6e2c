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
