package dip.net;

import dip.engine.Ops;
import dip.engine.Tensor;
import java.util.List;

/** Runs two branches on the same input and concatenates their outputs along channels (first, then second). */
public final class Concat implements Layer {
    private final Layer first;
    private final Layer second;

    public Concat(Layer first, Layer second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public Tensor forward(Tensor x) { return Ops.concatChannels(first.forward(x), second.forward(x)); }

    /**
     * conv(bn(concat(first(x), second(x)))) without the concatenation: batch norm is per channel, so each branch is
     * normalised with its own slice of γ and β, and a convolution over concatenated channels is the sum of the
     * convolutions over each part with the matching slice of the weights. The same function and parameters (up to
     * the order of the sums); no concatenated copy forward or sliced gradient backward, and the large branch's
     * convolution runs on a whole number of channel blocks: in the skip nets 64 (or 128) channels instead of 68 (132),
     * which oneDNN convolves at twice the speed (bf16, channels-last, AMD Zen 5).
     */
    Tensor normConv(Tensor x, BatchNorm bn, Conv conv) {
        Tensor a = first.forward(x);
        Tensor b = second.forward(x);
        long split = a.size(1);
        return conv.forwardSplit(bn.forward(a, 0), bn.forward(b, split), split);
    }

    /** Whether skip joins run split ({@link #normConv}); -Ddip.join=concat runs them as written, to compare. */
    static boolean splitJoin() { return !"concat".equals(System.getProperty("dip.join")); }

    @Override
    public List<Layer> children() { return List.of(first, second); }

    @Override
    public String describe() { return "Concat (channels)"; }
}
