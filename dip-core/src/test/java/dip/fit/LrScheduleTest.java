package dip.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void constantKeepsTheRate() {
        for (int it = 1; it <= 10; it++) {
            assertEquals(0.01, LrSchedule.CONSTANT.rate(0.01, it, 10));
        }
    }

    @Test
    void cosineFallsFromTheRateToNearlyZeroAtTheLastIteration() {
        int n = 2000;
        assertEquals(0.01, LrSchedule.COSINE.rate(0.01, 1, n), 1e-15);
        assertEquals(0.005, LrSchedule.COSINE.rate(0.01, n / 2 + 1, n), 1e-12);
        double last = LrSchedule.COSINE.rate(0.01, n, n);
        assertTrue(last > 0 && last < 1e-7, "last " + last);
        for (int it = 2; it <= n; it++) {
            assertTrue(LrSchedule.COSINE.rate(0.01, it, n) < LrSchedule.COSINE.rate(0.01, it - 1, n), "at " + it);
        }
        assertEquals(LrSchedule.COSINE.rate(0.01, 500, n), FitSettings.denoising().withIterations(n)
                .withSchedule(LrSchedule.COSINE).lrAt(500));
    }

    @Test
    void namesRoundTripAndAnUnknownOneIsRefused() {
        for (LrSchedule s : LrSchedule.values()) {
            assertEquals(s, LrSchedule.byKey(s.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.byKey("step"));
        assertTrue(e.getMessage().contains("constant or cosine"), e.getMessage());
    }
}
