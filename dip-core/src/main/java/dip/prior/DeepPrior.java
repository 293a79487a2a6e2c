package dip.prior;

import dip.engine.Layout;
import dip.engine.Perturbation;
import dip.engine.Precision;
import dip.engine.Tensor;
import dip.image.Padding;
import dip.net.Net;
import java.util.List;

/**
 * x = f_θ(z + N(0, σp²)) cropped to the image size: the deep image prior. The net works on a canvas
 * padded up to a multiple of 2^levels; its output is cropped back to exactly the image's size.
 */
public final class DeepPrior implements Prior {
    private final Net net;
    private final Tensor z;
    private final double regNoise;
    private double regNoiseScale = 1.0;
    private Precision precision;
    private final int height;
    private final int width;
    private final int top;
    private final int left;

    /**
     * Draws z from the current seeded generator: seed first, then build the net, then this. The net computes
     * in {@link Precision#auto()}: bf16 on a CPU with bf16 instructions, fp32 elsewhere (as the CLI's default).
     */
    public DeepPrior(Net net, NetInput input, double regNoise, int height, int width) {
        this(net, input, regNoise, height, width, Precision.auto());
    }

    /**
     * As above, the net computing in the given precision (its weights and the output stay fp32).
     * @throws IllegalArgumentException for bf16 on a CPU without bf16 instructions ({@link Precision#requireSupported()})
     */
    public DeepPrior(Net net, NetInput input, double regNoise, int height, int width, Precision precision) {
        this.net = net;
        this.precision = precision.requireSupported();
        this.regNoise = regNoise;
        this.height = height;
        this.width = width;
        int ph = canvasSide(net, height);
        int pw = canvasSide(net, width);
        this.top = (ph - height) / 2;
        this.left = (pw - width) / 2;
        this.z = Layout.forConvolutionInput(input.create(net.inputDepth(), ph, pw), precision == Precision.BF16).keep();
    }

    @Override
    public Tensor render(boolean perturbed) {
        double sigma = regNoise * regNoiseScale;
        Tensor in = perturbed && sigma > 0 ? Perturbation.add(z, sigma, precision) : precision.cast(z);
        Tensor out = Precision.FP32.cast(net.forward(in));
        if (out.size(2) != height || out.size(3) != width) {
            out = out.narrow(2, top, height).narrow(3, left, width);
        }
        return out;
    }

    @Override
    public void scalePerturbation(double share) { regNoiseScale = share; }

    @Override
    public List<Tensor> parameters() { return net.parameterTensors(); }

    public Net net() { return net; }

    /**
     * The resident memory a fit with this prior needs, in bytes: a fixed 500 MiB (JVM, libtorch), the forward
     * activations times a factor for autograd's saved tensors, the gradients in flight and the allocator's slack
     * (2.1 × their fp32 bytes; in bf16 2.6 × 2 bytes, as bf16 keeps fp32 copies beside some of them), and 16 bytes
     * per parameter (weights, gradients, Adam's two moments). Calibrated with the launcher's allocator settings
     * (one arena, no mmap, no trimming: freed blocks are kept for the next iteration) on an AMD EPYC Zen 5,
     * {@code ./dip bench speed} (every row in one process), 2 threads: measured peak RSS of the paper's net 637 / 1489 /
     * 4844 MiB in fp32 and 485 / 1000 / 2878 MiB in bf16 at 128² / 256² / 512²; {@code skip-64} 2781 (fp32) and
     * 1708 MiB (bf16) at 512². The estimates (813 / 1649 / 4985, 707 / 1224 / 3289, 2808 and 1932 MiB) are 1–46%
     * above those, most at small sizes where the fixed part dominates.
     */
    public long estimatedBytes() {
        return estimatedBytes(net, z.size(2), z.size(3), precision);
    }

    /** {@link #estimatedBytes()} for a fit of {@code net} on a canvas of h×w (already padded), before building one. */
    public static long estimatedBytes(Net net, long h, long w, Precision precision) {
        double bytesPerActivation = precision == Precision.BF16 ? 2.6 * 2 : 2.1 * 4;
        return (500L << 20) + (long) (bytesPerActivation * net.activationElements(h, w)) + 16 * net.parameterCount();
    }

    /** The canvas side the net works on for an image side: padded up to a multiple of 2^levels, at least its minimum. */
    public static int canvasSide(Net net, int side) {
        return Math.max(net.minimumSize(), Padding.paddedSize(side, net.sizeMultiple()));
    }

    @Override
    public Precision precision() { return precision; }

    /** A bf16 net goes on in fp32 (its weights are fp32 already: only the activations change); false when already fp32. */
    @Override
    public boolean fallBackToFp32() {
        if (precision == Precision.FP32) {
            return false;
        }
        precision = Precision.FP32;
        return true;
    }

    public Tensor input() { return z; }

    @Override
    public String describe() {
        return "deep image prior (" + net.name() + ", " + net.parameterCount() + " parameters, reg noise " + regNoiseLabel(regNoise) + ")";
    }

    /**
     * σp as people write it: a short decimal as it is ("0.03", "0.05", "0"), "1/30" for 1.0/30 (any 1/n that is
     * exactly what was given and has no short decimal), else 3 significant digits ("0.0333").
     */
    public static String regNoiseLabel(double sigma) {
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(sigma);
        if (exact.precision() <= 3) {
            return exact.stripTrailingZeros().toPlainString();
        }
        if (sigma > 0 && sigma < 1) {
            long n = Math.round(1 / sigma);
            if (n > 1 && 1.0 / n == sigma) {
                return "1/" + n;
            }
        }
        return exact.round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
