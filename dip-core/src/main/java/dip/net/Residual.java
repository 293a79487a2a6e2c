package dip.net;

import dip.engine.Tensor;
import java.util.List;

/** x + body(x): the identity shortcut of a residual block (body must keep the shape). */
public final class Residual implements Layer {
    private final Layer body;

    public Residual(Layer body) { this.body = body; }

    @Override
    public Tensor forward(Tensor x) { return x.plus(body.forward(x)); }

    // The one child is walked in sequence by Net.forwardMacs; the addition costs no MACs.
    @Override
    public List<Layer> children() { return List.of(body); }

    @Override
    public String describe() { return "Residual (x + body(x))"; }
}
