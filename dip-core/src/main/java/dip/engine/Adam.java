package dip.engine;

import java.util.List;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.TensorVector;

/** Adam (β 0.9/0.999, ε 1e-8, no weight decay) over a fixed list of parameters. */
public final class Adam {
    private final org.bytedeco.pytorch.Adam optimizer;

    public Adam(List<Tensor> parameters, double lr) {
        TensorVector params = new TensorVector();
        for (Tensor p : parameters) {
            params.push_back(p.t);
        }
        optimizer = new org.bytedeco.pytorch.Adam(params, new AdamOptions(lr));
        optimizer.retainReference();
        Owner.adopt(this::free);
    }

    private boolean freed;

    /** Frees the optimiser's state (moments); the optimiser must not be used afterwards. Idempotent. */
    public void free() {
        if (!freed) {
            freed = true;
            optimizer.releaseReference();
        }
    }

    /** Sets the learning rate of the next steps. */
    public void learningRate(double lr) { optimizer.param_groups().get(0).options().set_lr(lr); }

    public void zeroGrad() { optimizer.zero_grad(true); }

    public void step() { optimizer.step(); }

    void saveTo(org.bytedeco.pytorch.OutputArchive archive) { optimizer.save(archive); }

    void loadFrom(org.bytedeco.pytorch.InputArchive archive) { optimizer.load(archive); }
}
