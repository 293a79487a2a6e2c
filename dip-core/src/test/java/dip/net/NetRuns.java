package dip.net;

import dip.engine.Precision;
import dip.engine.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Shared by the tests that compare two ways of running a net: its output and gradients as plain arrays. */
final class NetRuns {
    private NetRuns() {}

    /**
     * β drawn from N(0, 0.5²), as after some steps (at β = 0 a γ in front of a LeakyReLU and a batch norm has a zero
     * gradient), then z (1×depth×size×size) and r (1×3×size×size) from N(0, 1); returns the output of {@code net(z)} in
     * {@code p} followed by each parameter's gradient of sum(net(z) · r), as fp32 arrays. Call inside a scope, after
     * seeding.
     */
    static List<float[]> outputAndGradients(Net net, Precision p, int depth, int size) {
        for (Parameter q : net.parameters()) {
            if (q.name().endsWith("beta")) {
                q.value().assign(Tensor.normal(0.5, q.value().shape()));
            }
        }
        Tensor z = Tensor.normal(1, 1, depth, size, size);
        Tensor r = Tensor.normal(1, 1, 3, size, size);
        Tensor y = Precision.FP32.cast(net.forward(p.cast(z)));
        y.times(r).sum().backward();
        List<float[]> out = new ArrayList<>();
        out.add(y.toArray());
        for (Tensor t : net.parameterTensors()) {
            out.add(t.grad().toArray());
        }
        return out;
    }
}
