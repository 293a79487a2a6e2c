package dip.net;

import dip.engine.Ops;
import dip.engine.Tensor;
import java.util.List;

/** BatchNorm in training mode (batch statistics always, as the method prescribes); γ = 1, β = 0. */
public final class BatchNorm implements Layer {
    private static final double EPS = 1e-5;
    private final int channels;
    private final Tensor gamma;
    private final Tensor beta;

    public BatchNorm(int channels) {
        this.channels = channels;
        this.gamma = Tensor.zeros(channels).plus(1.0).requireGrad().keep();
        this.beta = Tensor.zeros(channels).requireGrad().keep();
    }

    @Override
    public Tensor forward(Tensor x) { return Ops.batchNorm(x, gamma, beta, EPS); }

    /** Normalises x as channels [from, from + x's channels) of this layer's input (one part of a concatenation). */
    Tensor forward(Tensor x, long from) {
        long c = x.size(1);
        return Ops.batchNorm(x, gamma.narrow(0, from, c), beta.narrow(0, from, c), EPS);
    }

    @Override
    public List<Parameter> ownParameters() {
        return List.of(new Parameter("gamma", gamma), new Parameter("beta", beta));
    }

    @Override
    public String describe() { return "BatchNorm " + channels; }
}
