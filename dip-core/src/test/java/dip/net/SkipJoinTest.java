package dip.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Engine;
import dip.engine.Hardware;
import dip.engine.Layout;
import dip.engine.Precision;
import dip.engine.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The skip nets' joins run split (each branch normalised with its slice of γ, β and convolved with its slice of the
 * weights, then summed: {@link Concat#normConv}) and give what the concatenation as written gives: output and every
 * parameter's gradient, in each layout and precision, for skip-64's join widths (4 + 64) and odd ones.
 */
class SkipJoinTest {
    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @AfterEach
    void clear() {
        System.clearProperty("dip.join");
        System.clearProperty(Layout.PROPERTY);
    }

    /** Output followed by the parameters' gradients of sum(net(z) · r), as fp32 arrays. */
    private static List<float[]> run(String join, Precision p, int[] down, int[] skip, int size) {
        System.setProperty("dip.join", join);
        try (Scope s = new Scope()) {
            Engine.seed(5);
            Net net = SkipNet.build(SkipConfig.defaults(8, 3).withChannels(down, down, skip));
            return NetRuns.outputAndGradients(net, p, 8, size);
        }
    }

    private static double rms(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v * (double) v;
        }
        return Math.sqrt(s / a.length);
    }

    /** RMS difference over the reference's RMS. */
    private static double relativeError(float[] a, float[] ref) {
        double num = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ref[i]) * (double) (a[i] - ref[i]);
        }
        return Math.sqrt(num / a.length) / rms(ref);
    }

    @ParameterizedTest(name = "{0}, {1}, down {2}, skip {3}")
    @CsvSource({"fp32,nhwc,64 64,4 4", "fp32,nchw,64 64,4 4", "fp32,nchw,24 40,3 0", "bf16,auto,64 64,4 4", "bf16,auto,24 40,3 5"})
    void splitJoinsGiveTheConcatenationsResult(String precision, String layout, String down, String skip) {
        Precision p = Precision.parse(precision);
        Hardware.assumeComputes(p);
        System.setProperty(Layout.PROPERTY, layout);
        int[] d = java.util.Arrays.stream(down.split(" ")).mapToInt(Integer::parseInt).toArray();
        int[] s = java.util.Arrays.stream(skip.split(" ")).mapToInt(Integer::parseInt).toArray();
        List<float[]> concat = run("concat", p, d, s, 16);
        List<float[]> split = run("split", p, d, s, 16);
        // fp32: the same sums in another order; bf16: activations rounded to 8 bits at other points
        double tolerance = p == Precision.FP32 ? 1e-4 : 0.15;
        // A shift in front of a batch norm (a convolution's bias, the β of a norm before a convolution) has a zero
        // gradient in exact arithmetic: its computed one is rounding noise on either side (in bf16 up to a
        // few hundredths of the largest gradient), and is not compared.
        double noise = (p == Precision.FP32 ? 1e-4 : 3e-2) * concat.stream().skip(1).mapToDouble(SkipJoinTest::rms).max().orElse(0);
        int compared = 0;
        for (int i = 0; i < concat.size(); i++) {
            if (i > 0 && rms(concat.get(i)) < noise) {
                continue;
            }
            compared++;
            double e = relativeError(split.get(i), concat.get(i));
            assertTrue(e < tolerance, (i == 0 ? "output" : "gradient of parameter " + (i - 1)) + ": relative error " + e);
        }
        assertTrue(compared > concat.size() / 2, "only " + compared + " of " + concat.size() + " compared");
    }
}
