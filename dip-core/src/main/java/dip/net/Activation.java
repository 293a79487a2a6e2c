package dip.net;

import dip.engine.Ops;
import dip.engine.Tensor;

/** Pointwise non-linearities used by the nets. */
public enum Activation implements Layer {
    LEAKY_RELU {
        @Override public Tensor forward(Tensor x) { return Ops.leakyRelu(x, 0.2); }
        @Override Tensor forwardOverwriting(Tensor x) { return Ops.leakyReluInPlace(x, 0.2); }
        @Override public String describe() { return "LeakyReLU 0.2"; }
    },
    RELU {
        @Override public Tensor forward(Tensor x) { return Ops.relu(x); }
        @Override public String describe() { return "ReLU"; }
    },
    SIGMOID {
        @Override public Tensor forward(Tensor x) { return Ops.sigmoid(x); }
        @Override public String describe() { return "Sigmoid"; }
    };

    /**
     * The same function, free to overwrite x: for an x that only this activation reads and whose producer's backward
     * pass does not need it (a batch norm's output; see {@link Sequential#forward}).
     */
    Tensor forwardOverwriting(Tensor x) { return forward(x); }
}
