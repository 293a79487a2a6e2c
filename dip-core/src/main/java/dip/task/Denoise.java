package dip.task;

import dip.engine.Ops;
import dip.engine.Tensor;
import dip.image.Image;

/** Denoising (and blind JPEG clean-up): E(x; x0) = mean((x − x0)²), x0 is the noisy image itself. */
public final class Denoise implements Task {
    private final Image noisy;
    private final Tensor x0;
    private final String name;

    public Denoise(Image noisy) { this(noisy, "denoise"); }

    private Denoise(Image noisy, String name) {
        this.noisy = noisy;
        this.name = name;
        this.x0 = Tensor.of(noisy).keep();
    }

    /** Blind JPEG artifact removal: the same data term, the compressed image as x0. */
    public static Denoise jpeg(Image compressed) { return new Denoise(compressed, "jpeg"); }

    @Override
    public Tensor dataTerm(Tensor x) { return Ops.mse(x, x0); }

    @Override
    public Image observation() { return noisy; }

    @Override
    public String name() { return name; }
}
