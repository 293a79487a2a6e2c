package dip.net;

import dip.engine.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Layers applied one after the other. */
public final class Sequential implements Layer {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(String name) { this.name = name; }

    public Sequential add(Layer layer) {
        layers.add(layer);
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer l : layers) {
            y = l.forward(y);
        }
        return y;
    }

    @Override
    public List<Layer> children() { return List.copyOf(layers); }

    @Override
    public String describe() { return name; }
}
