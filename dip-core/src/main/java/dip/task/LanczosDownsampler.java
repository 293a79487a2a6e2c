package dip.task;

import dip.engine.Ops;
import dip.engine.Tensor;

/**
 * The SR data term's degradation d: Lanczos-2 filter with phase 0.5 (4f taps), replicate padding
 * (4f − f)/2 and stride f, applied to every channel separately (DIP.md, "Lanczos-2 downsampler").
 * An H×W input becomes (H/f)×(W/f).
 *
 * <p>The 2-D kernel is the outer product of 1-D taps, so the strided convolution is computed as two matrix
 * products, y = R·x·Cᵀ per channel, with banded matrices R and C holding the taps at every f-th offset. This is
 * exactly the convolution, is cheaper, and stays off oneDNN's convolution: on AMD Zen 5 its single-channel
 * strided kernel (output channels padded to a block of 16) returned wrong gradients.
 */
public final class LanczosDownsampler {
    private static final int SUPPORT = 2;
    private final int factor;
    private final double[] taps;
    private final java.util.Map<Long, Tensor> bands = new java.util.HashMap<>();

    public LanczosDownsampler(int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("downsampling factor must be at least 2, got " + factor);
        }
        this.factor = factor;
        this.taps = taps(factor);
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
        Tensor padded = Ops.replicatePad(x, padding());
        Tensor rows = band(padded.size(2)); // (H/f) × Hp
        Tensor columns = band(padded.size(3)); // (W/f) × Wp
        return Ops.matmul(Ops.matmul(rows, padded), columns.transpose());
    }

    /** The (out × n) matrix of the strided 1-D filter on n padded samples: row o holds the taps from o·f. */
    private synchronized Tensor band(long n) {
        return bands.computeIfAbsent(n, key -> {
            int len = (int) n;
            int k = taps.length;
            int out = (len - k) / factor + 1;
            float[] m = new float[out * len];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < k; i++) {
                    m[o * len + o * factor + i] = (float) taps[i];
                }
            }
            return Tensor.of(m, out, len).keep();
        });
    }
}
