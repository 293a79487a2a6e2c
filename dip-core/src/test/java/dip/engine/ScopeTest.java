package dip.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @BeforeAll
    static void init() { Engine.init(1); }

    @Test
    void aScopeFreesWhatItCreatedButNotWhatWasKept() {
        Tensor outside = Tensor.zeros(2, 2).keep();
        Tensor freed;
        Tensor kept;
        try (Scope s = new Scope()) {
            freed = outside.plus(1.0);
            kept = outside.plus(2.0).keep();
            assertFalse(freed.isFreed());
        }
        assertTrue(freed.isFreed());
        assertFalse(kept.isFreed());
        assertFalse(outside.isFreed());
        assertArrayEquals(new float[] {2, 2, 2, 2}, kept.toArray());
    }

    @Test
    void nestedScopesFreeOnlyTheirOwnTensors() {
        try (Scope outer = new Scope()) {
            Tensor a = Tensor.zeros(3);
            Tensor b;
            try (Scope inner = new Scope()) {
                b = a.plus(1.0);
            }
            assertTrue(b.isFreed());
            assertFalse(a.isFreed());
            assertEquals(3, a.numel());
        }
    }

    @Test
    void valuesRoundTripThroughNativeMemory() {
        float[] v = {1, 2, 3, 4, 5, 6};
        try (Scope s = new Scope()) {
            Tensor t = Tensor.of(v, 1, 2, 3);
            assertArrayEquals(new long[] {1, 2, 3}, t.shape());
            assertArrayEquals(v, t.toArray());
            assertEquals(21.0, t.sum().item(), 0);
            assertEquals(91.0 / 6, t.square().mean().item(), 1e-5);
        }
    }

    @Test
    void noGradRestoresGradientRecording() {
        try (Scope s = new Scope()) {
            Tensor w = Tensor.zeros(2).plus(1.0).detach().requireGrad();
            try (NoGrad g = new NoGrad()) {
                w.times(2.0).sum().backward();
            } catch (RuntimeException expected) {
                // no graph was recorded under NoGrad: backward has nothing to differentiate
            }
            assertEquals(null, w.grad());
            Tensor loss = w.times(3.0).sum();
            loss.backward();
            assertEquals(6.0, loss.item(), 0);
            assertArrayEquals(new float[] {3, 3}, w.grad().toArray());
        }
    }
}
