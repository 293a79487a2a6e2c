package dip.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dip.engine.Engine;
import dip.engine.Hardware;
import dip.engine.Precision;
import dip.engine.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An activation after a batch norm overwrites the norm's output ({@link Sequential#forward}); the output and every
 * parameter's gradient are bit for bit those of running it out of place, on the skip net (every norm followed by a
 * LeakyReLU) and the ResNet (a LeakyReLU straight after a convolution too, left out of place).
 */
class ActivationInPlaceTest {
    @BeforeAll
    static void init() { Engine.init(2); }

    @AfterEach
    void clear() { System.clearProperty("dip.activationInPlace"); }

    private static List<float[]> run(String inPlace, Precision p, String preset) {
        System.setProperty("dip.activationInPlace", inPlace);
        try (Scope s = new Scope()) {
            Engine.seed(9);
            Net net = preset.equals("skip") ? SkipNet.build(SkipConfig.defaults(8, 3).withChannels(new int[] {16, 16}, new int[] {16, 16}, new int[] {4, 4}))
                    : ResNet.build(new ResNetConfig(8, 3, 2, 16));
            return NetRuns.outputAndGradients(net, p, 8, 24);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip/fp32", "skip/bf16", "resnet/fp32"})
    void overwritingGivesTheSameOutputAndGradients(String what) {
        String[] w = what.split("/");
        Precision p = Precision.parse(w[1]);
        Hardware.assumeComputes(p);
        List<float[]> inPlace = run("true", p, w[0]);
        List<float[]> outOfPlace = run("false", p, w[0]);
        assertEquals(outOfPlace.size(), inPlace.size());
        for (int i = 0; i < inPlace.size(); i++) {
            assertArrayEquals(outOfPlace.get(i), inPlace.get(i), i == 0 ? "output" : "gradient " + i);
        }
    }
}
