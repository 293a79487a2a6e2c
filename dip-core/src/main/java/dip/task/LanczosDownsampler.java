package dip.task;

import dip.engine.Ops;
import dip.engine.Tensor;

/**
 * The SR data term's degradation d: Lanczos-2 filter with phase 0.5 (4f taps), replicate padding
 * (4f − f)/2 and stride f, applied to every channel separately (DIP.md, "Lanczos-2 downsampler").
 * An H×W input becomes (H/f)×(W/f).
 */
public final class LanczosDownsampler {
    private static final int SUPPORT = 2;
    private final int factor;
    private final Tensor kernel;

    public LanczosDownsampler(int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("downsampling factor must be at least 2, got " + factor);
        }
        this.factor = factor;
        double[] taps = taps(factor);
        int k = taps.length;
        float[] k2 = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                k2[i * k + j] = (float) (taps[i] * taps[j]);
            }
        }
        this.kernel = Tensor.of(k2, 1, 1, k, k).keep();
    }

    /** The normalised 1-D taps (4f of them); their outer product is the normalised 2-D kernel. */
    public static double[] taps(int factor) {
        int n = 4 * factor;
        double centre = (4.0 * factor + 2) / 2;
        double[] t = new double[n];
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            double d = Math.abs(i + 0.5 - centre) / factor;
            double v = 1;
            if (d != 0) {
                v = SUPPORT * Math.sin(Math.PI * d) * Math.sin(Math.PI * d / SUPPORT) / (Math.PI * Math.PI * d * d);
            }
            t[i - 1] = v;
            sum += v;
        }
        for (int i = 0; i < n; i++) {
            t[i] /= sum; // normalising the 1-D taps normalises their outer product too
        }
        return t;
    }

    public int factor() { return factor; }

    /** Replicate padding on each side. */
    public int padding() { return (4 * factor - factor) / 2; }

    public Tensor apply(Tensor x) {
        return Ops.convEachChannel(Ops.replicatePad(x, padding()), kernel, factor);
    }
}
