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

    @Override
    public List<Layer> children() { return List.of(first, second); }

    @Override
    public String describe() { return "Concat (channels)"; }
}
