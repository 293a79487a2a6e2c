package dip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Engine;
import dip.engine.Scope;
import dip.engine.Tensor;
import dip.fit.VarianceStop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopRulesTest {
    private static final int N = 300;

    @BeforeAll
    static void init() { Engine.init(1); }

    /** Outputs that jitter least around t = 60; PSNRs that name their iteration, so the replay's picks can be read back. */
    private static float[][] outputs() {
        SplittableRandom r = new SplittableRandom(3);
        float[][] x = new float[N][64];
        for (int t = 1; t <= N; t++) {
            double amp = Math.abs(t - 60) / 60.0 + 1e-3;
            for (int i = 0; i < 64; i++) {
                x[t - 1][i] = (float) (0.5 + amp * (r.nextDouble() - 0.5));
            }
        }
        return x;
    }

    private static int liveStop(float[][] x, VarianceStop rule) {
        for (int t = 1; t <= N; t++) {
            try (Scope s = new Scope()) {
                if (rule.observe(t, Tensor.of(x[t - 1], 1, 1, 8, 8))) {
                    return t;
                }
            }
        }
        return 0;
    }

    private static StopRules.Curve curve(float[][] x) {
        VarianceStop watch = new VarianceStop(10, Integer.MAX_VALUE);
        int[] it = new int[N];
        double[] out = new double[N];
        double[] avg = new double[N];
        double[] var = new double[N];
        for (int t = 1; t <= N; t++) {
            try (Scope s = new Scope()) {
                watch.observe(t, Tensor.of(x[t - 1], 1, 1, 8, 8));
            }
            it[t - 1] = t;
            out[t - 1] = t;
            avg[t - 1] = 1000 + t;
            var[t - 1] = watch.lastVariance();
        }
        return new StopRules.Curve("synthetic", it, out, avg, var);
    }

    @Test
    void theReplayStopsWhereTheLiveRuleStops() {
        float[][] x = outputs();
        StopRules.Curve c = curve(x);
        for (int p : new int[] {1, 5, 30, 200}) {
            VarianceStop live = new VarianceStop(10, p);
            int stoppedAt = liveStop(x, live);
            StopRules.Replay r = StopRules.replay(c, p);
            assertTrue(r.stopped(), "P " + p);
            assertEquals(stoppedAt, r.stopIteration(), "P " + p);
            assertEquals(live.bestIteration(), r.keptIteration(), "P " + p);
            assertEquals(r.keptIteration(), r.keptPsnr(), 0); // the output kept is the one at the minimum
            assertEquals(1000 + r.stopIteration(), r.averagePsnr(), 0); // the average at the stop
        }
        StopRules.Replay never = StopRules.replay(c, 1000);
        assertFalse(never.stopped());
        assertEquals(N, never.stopIteration());
        assertEquals(1000 + N, never.averagePsnr(), 0);
    }

    @Test
    void readsWhatQualityWritesAndTabulates(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a_curve.csv");
        // window 2 (the variance begins at iteration 2), so minima count from iteration 6: the lowest variance, at 3, is
        // in the burn-in
        Files.writeString(f, "iteration,psnr_output,psnr_average,variance\n1,20.0,19.0,\n2,20.5,19.2,0.9\n3,20.8,19.4,0.1\n"
                + "4,21.0,19.5,0.6\n5,21.2,19.7,0.7\n6,21.0,19.5,0.5\n7,22.5,20.0,0.25\n8,22.0,21.0,0.3\n9,21.5,21.5,0.4\n"
                + "10,21.0,21.6,0.45\n");
        StopRules.Curve c = StopRules.readAll(List.of(dir)).get(0);
        assertEquals("a", c.name());
        assertTrue(Double.isNaN(c.variance()[0]));
        StopRules.Replay r = StopRules.replay(c, 2);
        assertEquals(9, r.stopIteration());
        assertEquals(7, r.keptIteration());
        assertEquals(22.5, r.keptPsnr(), 0);
        assertEquals(21.5, r.averagePsnr(), 0);
        String table = StopRules.table(List.of(c), List.of(2, 10));
        assertTrue(table.contains("| a | 21.00 / 21.60 | 22.50 (7) | 9 (7) 22.50 / 21.50 | none (7) 22.50 / 21.60 |"), table);
        assertTrue(table.contains("**mean (1)**"), table);

        Path bad = dir.resolve("b_curve.csv");
        Files.writeString(bad, "iteration,loss\n1,2\n");
        BenchInputException e = assertThrows(BenchInputException.class, () -> StopRules.read(bad));
        assertTrue(e.getMessage().contains("not a curve"), e.getMessage());
        assertThrows(BenchInputException.class, () -> StopRules.readAll(List.of(dir.resolve("missing"))));
    }
}
