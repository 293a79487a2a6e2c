package dip.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdamTest {
    @BeforeAll
    static void init() { Engine.init(1); }

    /** Adam's step on a constant gradient is the learning rate (bias-corrected m̂/√v̂ = 1): a new rate shows at once. */
    @Test
    void aNewLearningRateTakesEffectOnTheNextStep() {
        try (Owner own = new Owner(); Scope s = new Scope()) {
            Tensor p = Tensor.zeros(4).requireGrad().keep();
            Adam adam = new Adam(java.util.List.of(p), 0.5);
            double[] expected = {-0.5, -0.6, -0.85};
            double[] rates = {0.5, 0.1, 0.25};
            for (int i = 0; i < rates.length; i++) {
                adam.learningRate(rates[i]);
                adam.zeroGrad();
                try (Scope step = new Scope()) {
                    p.sum().backward();
                }
                adam.step();
                assertEquals(expected[i], p.sum().item() / 4, 1e-5, "after step " + (i + 1));
            }
        }
    }
}
