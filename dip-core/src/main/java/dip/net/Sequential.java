package dip.net;

import dip.engine.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Layers applied one after the other. */
public final class Sequential implements Layer {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();

    /** -Ddip.activationInPlace=false runs every activation out of place, to compare. */
    static boolean activationsInPlace() { return !"false".equals(System.getProperty("dip.activationInPlace")); }

    public Sequential(String name) { this.name = name; }

    public Sequential add(Layer layer) {
        layers.add(layer);
        return this;
    }

    /**
     * Runs the layers in order. A {@link Concat} followed by a {@link BatchNorm} and a {@link Conv} (the skip nets'
     * join) runs as {@link Concat#normConv}: the same function without the concatenation. An activation right after a
     * batch norm overwrites the norm's output, which nothing else reads and the norm's backward pass does not need
     * (the same values and gradients, one full-size tensor fewer).
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (int i = 0; i < layers.size(); i++) {
            if (i + 2 < layers.size() && layers.get(i) instanceof Concat join && layers.get(i + 1) instanceof BatchNorm bn
                    && layers.get(i + 2) instanceof Conv conv && Concat.splitJoin()) {
                y = join.normConv(y, bn, conv);
                i += 2;
            } else if (i + 1 < layers.size() && layers.get(i) instanceof BatchNorm && layers.get(i + 1) instanceof Activation act
                    && activationsInPlace()) {
                y = act.forwardOverwriting(layers.get(i).forward(y));
                i += 1;
            } else {
                y = layers.get(i).forward(y);
            }
        }
        return y;
    }

    @Override
    public List<Layer> children() { return List.copyOf(layers); }

    @Override
    public String describe() { return name; }
}
