package dip.net;

import dip.engine.Tensor;
import java.util.List;

/** A differentiable building block of a generator net. */
public interface Layer {
    Tensor forward(Tensor x);

    /** This layer's own trainable tensors (not its children's). */
    default List<Parameter> ownParameters() { return List.of(); }

    /** Sub-layers, in forward order, for printing and parameter collection. */
    default List<Layer> children() { return List.of(); }

    /** One line, like "Conv 3x3 32->128 stride 2 (reflect pad 1)". */
    String describe();
}
