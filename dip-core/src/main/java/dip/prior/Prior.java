package dip.prior;

import dip.engine.Tensor;
import java.util.List;

/** How the restored image x is parametrised: a generator net and its input, or plain pixels. */
public interface Prior {
    /**
     * The current x (1×C×H×W at the task's output size), differentiable w.r.t. {@link #parameters()}.
     * @param perturbed whether to apply the per-iteration input perturbation (reg noise), if any
     */
    Tensor render(boolean perturbed);

    List<Tensor> parameters();

    /**
     * Perturbs with this share of its σp from the next {@link #render} on (a fit's σp warm-up); a prior without a
     * perturbation ignores it.
     */
    default void scalePerturbation(double share) {}

    /** A regulariser added to the data term (e.g. λ·TV), or null for none. */
    default Tensor penalty(Tensor x) { return null; }

    String describe();

    /** The number format x is computed in (a net may compute in bf16; pixels are always fp32). */
    default dip.engine.Precision precision() { return dip.engine.Precision.FP32; }

    /**
     * Computes in fp32 from now on, if it computed in a narrower format (the fit's answer to a bf16 fit that keeps
     * diverging); returns whether anything changed.
     */
    default boolean fallBackToFp32() { return false; }
}
