package dip.net;

import dip.engine.Ops;
import dip.engine.Tensor;
import java.util.List;

/** k×k convolution with bias, reflection padding (k−1)/2, PyTorch's default initialisation. */
public final class Conv implements Layer {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final Tensor weight;
    private final Tensor bias;

    public Conv(int in, int out, int kernel, int stride) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        // PyTorch's default (kaiming_uniform with a = √5) reduces to U(±1/√fan_in) for weights and bias.
        double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        this.weight = Tensor.uniform(-bound, bound, out, in, kernel, kernel).requireGrad().keep();
        this.bias = Tensor.uniform(-bound, bound, out).requireGrad().keep();
    }

    @Override
    public Tensor forward(Tensor x) { return convolve(x, weight, bias); }

    /** x reflection-padded and convolved with w (and b, when not null): this layer's operation with given weights. */
    private Tensor convolve(Tensor x, Tensor w, Tensor b) {
        return Ops.conv2d(Ops.reflectPad(x, (kernel - 1) / 2), w, b, stride);
    }

    /**
     * This convolution applied to the channel concatenation of a (the first {@code split} input channels) and b (the
     * rest), as the sum of two convolutions with the matching slices of the weights.
     */
    Tensor forwardSplit(Tensor a, Tensor b, long split) {
        Tensor ya = convolve(a, weight.narrow(1, 0, split), null);
        return convolve(b, weight.narrow(1, split, in - split), bias).plus(ya);
    }

    @Override
    public List<Parameter> ownParameters() {
        return List.of(new Parameter("weight", weight), new Parameter("bias", bias));
    }

    /** Multiply-accumulates of one forward pass for an input of h×w pixels. */
    public long macs(long h, long w) {
        return (long) in * out * kernel * kernel * (h / stride) * (w / stride);
    }

    public int stride() { return stride; }

    public int kernel() { return kernel; }

    public int outChannels() { return out; }

    @Override
    public String describe() {
        return "Conv " + kernel + "x" + kernel + " " + in + "->" + out
                + (stride > 1 ? " stride " + stride : "") + (kernel > 1 ? " (reflect pad " + (kernel - 1) / 2 + ")" : "");
    }
}
