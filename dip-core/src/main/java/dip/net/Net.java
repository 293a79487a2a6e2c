package dip.net;

import dip.engine.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator f_θ: maps the fixed input z (1×inputDepth×H×W) to an image (1×outputChannels×H×W).
 * H and W must be multiples of {@link #sizeMultiple()}.
 */
public final class Net {
    private final String name;
    private final Layer body;
    private final int inputDepth;
    private final int outputChannels;
    private final int sizeMultiple;

    public Net(String name, Layer body, int inputDepth, int outputChannels, int sizeMultiple) {
        this.name = name;
        this.body = body;
        this.inputDepth = inputDepth;
        this.outputChannels = outputChannels;
        this.sizeMultiple = sizeMultiple;
    }

    public Tensor forward(Tensor z) { return body.forward(z); }

    public String name() { return name; }
    public int inputDepth() { return inputDepth; }
    public int outputChannels() { return outputChannels; }
    public int sizeMultiple() { return sizeMultiple; }
    public Layer body() { return body; }

    /** All trainable tensors, named by their path in the layer tree, in a fixed order. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        collect(body, "", out);
        return out;
    }

    public List<Tensor> parameterTensors() {
        return parameters().stream().map(Parameter::value).toList();
    }

    public long parameterCount() {
        return parameters().stream().mapToLong(Parameter::count).sum();
    }

    /** Forward multiply-accumulates for an input of h×w pixels (convolutions only). */
    public long forwardMacs(long h, long w) { return macs(body, h, w)[0]; }

    /**
     * Elements of every intermediate output of one forward pass at h×w (what autograd keeps for the
     * backward pass): the main term of a fit's memory.
     */
    public long activationElements(long h, long w) { return activations(body, h, w, inputDepth)[0]; }

    /** Returns {elements, h, w, channels} after the layer. */
    private static long[] activations(Layer layer, long h, long w, long c) {
        if (layer instanceof Conv conv) {
            long oh = h / conv.stride();
            long ow = w / conv.stride();
            long pad = (conv.kernel() - 1) / 2;
            // the reflection-padded input is a tensor of its own
            long padded = pad > 0 ? c * (h + 2 * pad) * (w + 2 * pad) : 0;
            return new long[] {padded + conv.outChannels() * oh * ow, oh, ow, conv.outChannels()};
        }
        if (layer == Resample.UP_BILINEAR || layer == Resample.UP_NEAREST) {
            return new long[] {c * h * w * 4, h * 2, w * 2, c};
        }
        if (layer == Resample.DOWN_AVG || layer == Resample.DOWN_MAX) {
            return new long[] {c * h * w / 4, h / 2, w / 2, c};
        }
        if (layer instanceof Concat) {
            long total = 0;
            long channels = 0;
            long[] r = null;
            for (Layer kid : layer.children()) {
                r = activations(kid, h, w, c);
                total += r[0];
                channels += r[3];
            }
            return new long[] {total + channels * r[1] * r[2], r[1], r[2], channels};
        }
        if (layer.children().isEmpty()) {
            return new long[] {c * h * w, h, w, c}; // BatchNorm, activations: one output of the same shape
        }
        long total = 0;
        long[] r = {0, h, w, c};
        for (Layer kid : layer.children()) {
            r = activations(kid, r[1], r[2], r[3]);
            total += r[0];
        }
        return new long[] {total, r[1], r[2], r[3]};
    }

    /**
     * The smallest canvas (a multiple of {@link #sizeMultiple()}) on which every convolution's input is
     * larger than its reflection padding: small images are padded up to it.
     */
    public int minimumSize() {
        for (int k = 1; ; k++) {
            int size = k * sizeMultiple;
            if (fits(body, size) > 0) {
                return size;
            }
        }
    }

    /** The resolution after the layer, or 0 if some conv would see an input smaller than its padding needs. */
    private static long fits(Layer layer, long r) {
        if (r < 1) {
            return 0;
        }
        if (layer instanceof Conv c) {
            return r > (c.kernel() - 1) / 2 ? (r + c.stride() - 1) / c.stride() : 0;
        }
        if (layer == Resample.UP_BILINEAR || layer == Resample.UP_NEAREST) {
            return r * 2;
        }
        if (layer == Resample.DOWN_AVG || layer == Resample.DOWN_MAX) {
            return r / 2;
        }
        long out = r;
        for (Layer kid : layer.children()) {
            long k = fits(kid, layer instanceof Concat ? r : out);
            if (k == 0) {
                return 0;
            }
            out = k;
        }
        return out;
    }

    private static void collect(Layer layer, String path, List<Parameter> out) {
        for (Parameter p : layer.ownParameters()) {
            out.add(new Parameter(path + p.name(), p.value()));
        }
        List<Layer> kids = layer.children();
        for (int i = 0; i < kids.size(); i++) {
            collect(kids.get(i), path + i + ".", out);
        }
    }

    /** Returns {macs, h, w} after the layer: tracks resolution through strides and resampling. */
    private static long[] macs(Layer layer, long h, long w) {
        if (layer instanceof Conv c) {
            return new long[] {c.macs(h, w), h / c.stride(), w / c.stride()};
        }
        if (layer == Resample.UP_BILINEAR || layer == Resample.UP_NEAREST) {
            return new long[] {0, h * 2, w * 2};
        }
        if (layer == Resample.DOWN_AVG || layer == Resample.DOWN_MAX) {
            return new long[] {0, h / 2, w / 2};
        }
        long total = 0;
        long oh = h;
        long ow = w;
        boolean parallel = layer instanceof Concat;
        for (Layer kid : layer.children()) {
            long[] r = parallel ? macs(kid, h, w) : macs(kid, oh, ow);
            total += r[0];
            oh = r[1];
            ow = r[2];
        }
        return new long[] {total, oh, ow};
    }

    /** The layer tree, one layer per line with its parameter count, and the total last. */
    public String summary() {
        StringBuilder sb = new StringBuilder(name).append('\n');
        print(body, 1, sb);
        sb.append("parameters: ").append(parameterCount());
        return sb.toString();
    }

    private static void print(Layer layer, int depth, StringBuilder sb) {
        long own = layer.ownParameters().stream().mapToLong(Parameter::count).sum();
        sb.append("  ".repeat(depth)).append(layer.describe());
        if (own > 0) {
            sb.append("  [").append(own).append(']');
        }
        sb.append('\n');
        for (Layer kid : layer.children()) {
            print(kid, depth + 1, sb);
        }
    }
}
