package dip.engine;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** The differentiable operations the nets and data terms are built from. NCHW float tensors. */
public final class Ops {
    private Ops() {}

    /** 2-D convolution, no padding (pad explicitly: the nets use reflection padding). */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride) {
        // The layout is chosen per CPU and precision (Layout): channels-last (NHWC) lets oneDNN convolve without
        // reordering to its blocked layout, faster with AVX-512 and needed against a oneDNN 3.7 bf16 bug; on AVX2
        // fp32 the blocked path from NCHW is faster.
        Layout layout = Layout.forConvolution(x.isBf16());
        x = layout.apply(x);
        long outChannels = weight.size(0);
        long extraOut = 0;
        if (x.isBf16()) {
            // Weights are kept fp32; a bf16 input (a bf16 fit) takes them cast to bf16, differentiably.
            weight = Precision.BF16.cast(weight);
            bias = bias == null ? null : Precision.BF16.cast(bias);
            // oneDNN 3.7's bf16 backward pass returns a wrong input gradient (garbage, even NaN, different on each
            // call) when the output channel count is odd — presumably its bf16 dot products take the reduced axis
            // in pairs. Measured on AMD Zen 5 for 1, 3, 5 and 7 outputs (from 3 to 64 inputs); the nets' last conv
            // has 3. One zero filter more makes the count even; the extra channel is dropped, so the result and
            // every gradient are those of the convolution asked for (ConvolutionTest).
            extraOut = outChannels % 2;
        } else if (layout == Layout.NCHW) {
            // On a plain NCHW fp32 tensor, libtorch 2.10's oneDNN convolution reorders into a channel-blocked buffer
            // whose padding channels it leaves uninitialised and then reads (Layout#NCHW_BLOCK): zero channels up to
            // whole blocks, in the input and the weights' input axis, and zero filters up to whole blocks of outputs
            // (dropped again), leave it no padding to read. The convolution and every gradient are those asked for.
            // Running such convolutions channels-last instead was slower: skip-64 at 256², fp32, 2 threads, AVX2
            // imitated on AMD Zen 5, one run: 0.378-0.385 s per iteration padded, 0.537-0.549 channels-last (the
            // paper's net 1.04-1.05 / 1.64-1.95), against 0.291-0.302 (0.905) for the unpadded, wrong convolutions.
            long extraIn = Layout.toWholeBlocks(weight.size(1));
            if (extraIn > 0) {
                x = withZeros(x, 1, extraIn);
                weight = withZeros(weight, 1, extraIn);
            }
            extraOut = Layout.toWholeBlocks(outChannels);
        }
        if (extraOut > 0) {
            weight = withZeros(weight, 0, extraOut);
            bias = bias == null ? null : withZeros(bias, 0, extraOut);
        }
        long[] s = {stride, stride};
        long[] zero = {0, 0};
        long[] one = {1, 1};
        Tensor y = new Tensor(torch.conv2d(x.t, weight.t, bias == null ? new TensorOptional() : new TensorOptional(bias.t),
                s, zero, one, 1));
        return extraOut > 0 ? y.narrow(1, 0, outChannels) : y;
    }

    /** t with {@code n} more slices of zeros along {@code dim} (channels for an activation, filters or inputs for a weight). */
    private static Tensor withZeros(Tensor t, int dim, long n) {
        long[] shape = t.shape();
        shape[dim] = n;
        return new Tensor(torch.cat(new TensorVector(t.t, t.t.new_zeros(shape)), dim));
    }

    /** Matrix product over the last two axes, broadcast over the others (torch.matmul). */
    public static Tensor matmul(Tensor a, Tensor b) { return new Tensor(torch.matmul(a.t, b.t)); }

    /** Reflection padding by p on every side (PyTorch's ReflectionPad2d). */
    public static Tensor reflectPad(Tensor x, int p) {
        if (p == 0) {
            return x;
        }
        return new Tensor(torch.reflection_pad2d(x.t, p, p, p, p));
    }

    /** Replicate padding (for the Lanczos downsampler). */
    public static Tensor replicatePad(Tensor x, int p) {
        if (p == 0) {
            return x;
        }
        return new Tensor(torch.replication_pad2d(x.t, p, p, p, p));
    }

    /**
     * BatchNorm in training mode: per-channel batch statistics, biased variance, no running stats. On a bf16
     * input, libtorch accumulates the statistics in fp32 and takes γ, β in fp32.
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
        return new Tensor(torch.batch_norm(x.t, new TensorOptional(gamma.t), new TensorOptional(beta.t),
                new TensorOptional(), new TensorOptional(), true, 0.1, eps, false));
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        return new Tensor(torch.leaky_relu(x.t, new Scalar(slope)));
    }

    /**
     * LeakyReLU written over x (same values and gradients as {@link #leakyRelu}): no new tensor, and autograd keeps
     * the result for the backward pass instead of x. Only for an x that nothing else reads, produced by an op whose
     * backward pass does not need its output (batch norm): then it spares a full-size buffer and its writing.
     */
    public static Tensor leakyReluInPlace(Tensor x, double slope) {
        return new Tensor(torch.leaky_relu_(x.t, new Scalar(slope)));
    }

    public static Tensor relu(Tensor x) { return new Tensor(torch.relu(x.t)); }

    /** Sigmoid, always in fp32: it makes the image, whose steps are finer than bf16's near 1. */
    public static Tensor sigmoid(Tensor x) { return new Tensor(torch.sigmoid(Precision.FP32.cast(x).t)); }

    /** ×2 bilinear upsampling, align_corners = false. */
    public static Tensor upsampleBilinear2x(Tensor x) {
        long[] size = {x.size(2) * 2, x.size(3) * 2};
        return new Tensor(torch.upsample_bilinear2d(x.t, size, false));
    }

    /** ×2 nearest-neighbour upsampling. */
    public static Tensor upsampleNearest2x(Tensor x) {
        long[] size = {x.size(2) * 2, x.size(3) * 2};
        return new Tensor(torch.upsample_nearest2d(x.t, size));
    }

    public static Tensor avgPool2x(Tensor x) { return new Tensor(torch.avg_pool2d(x.t, 2, 2)); }

    public static Tensor maxPool2x(Tensor x) { return new Tensor(torch.max_pool2d(x.t, 2, 2)); }

    /** Concatenation along the channel axis. */
    public static Tensor concatChannels(Tensor a, Tensor b) {
        return new Tensor(torch.cat(new TensorVector(denseGradient(a.t), denseGradient(b.t)), 1));
    }

    /**
     * In channels-last the concatenation's backward hands each input a gradient that is a channel slice (strided,
     * neither NCHW- nor channels-last-contiguous). libtorch's bilinear upsampling then copied it to NCHW for its slow
     * NCHW kernel (17% of an iteration of skip-64 at 512², bf16, perf on AMD Zen 5, when the skip nets still
     * concatenated). A ×1 in front of the concatenation costs one pass each way but makes the gradient its producer
     * sees a dense channels-last tensor. ×1 is exact, so values and gradients are unchanged. Only where autograd
     * records and the tensor is channels-last.
     */
    private static org.bytedeco.pytorch.Tensor denseGradient(org.bytedeco.pytorch.Tensor t) {
        if (t.requires_grad() && t.size(1) > 1 && t.is_contiguous(torch.MemoryFormat.ChannelsLast)) {
            return t.mul(new Scalar(1.0));
        }
        return t;
    }

    /** mean((a − b)²) over all elements. */
    public static Tensor mse(Tensor a, Tensor b) {
        return new Tensor(torch.mse_loss(Precision.FP32.cast(a).t, Precision.FP32.cast(b).t));
    }

    /** Clamp to [lo, hi]. */
    public static Tensor clamp(Tensor x, double lo, double hi) {
        return new Tensor(x.t.clamp(new org.bytedeco.pytorch.ScalarOptional(new Scalar(lo)),
                new org.bytedeco.pytorch.ScalarOptional(new Scalar(hi))));
    }
}
