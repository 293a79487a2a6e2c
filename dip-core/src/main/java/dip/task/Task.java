package dip.task;

import dip.engine.Tensor;
import dip.image.Image;

/**
 * An observation model: how a restored image x would be degraded into the observation x0,
 * expressed as the data term E(x; x0) that the fit minimises.
 */
public interface Task {
    /**
     * The forward operator A: how a restoration x (1×C×H×W at the output size) is seen in the observation's space
     * (identity for denoising, the Lanczos-2 downsampler for super-resolution, x ⊙ m for inpainting). Without
     * measurement noise, A(ground truth) is the observation; the data term compares A(x) with x0.
     */
    Tensor forward(Tensor x);

    /** E(x; x0) for a candidate restoration x of shape 1×C×H×W (H×W = {@link #outputHeight()}×{@link #outputWidth()}). */
    Tensor dataTerm(Tensor x);

    /** The degraded image x0 as given by the user. */
    Image observation();

    /** Channels of the restored image. */
    default int outputChannels() { return observation().channels(); }

    /** Size of the restored image (the observation's size, except for super-resolution). */
    default int outputHeight() { return observation().height(); }

    default int outputWidth() { return observation().width(); }

    /** Where pixel-based priors ("no prior", TV) start: by default the observation itself. */
    default Image initialGuess() { return observation(); }

    String name();
}
