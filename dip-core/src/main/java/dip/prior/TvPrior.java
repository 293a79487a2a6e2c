package dip.prior;

import dip.engine.Tensor;
import dip.image.Image;

/**
 * TV prior: the pixels are optimised for E(x; x0) + λ·TV(x), with isotropic total variation
 * TV(x) = Σ (dh² + dw²)^β, β = 0.5, dh and dw forward differences. The sum is divided by the number
 * of pixels so that λ means the same at every image size (E is a mean too).
 */
public final class TvPrior extends PixelPrior {
    /** Keeps the square root differentiable where the image is flat. */
    private static final double EPS = 1e-8;
    private final double weight;

    public TvPrior(Image initial, double weight) {
        super(initial);
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("TV weight must be zero or positive, got " + weight);
        }
        this.weight = weight;
    }

    @Override
    public Tensor penalty(Tensor x) { return tv(x).times(weight); }

    /** Mean over pixels of √(dh² + dw²), summed over channels. */
    public static Tensor tv(Tensor x) {
        long h = x.size(2);
        long w = x.size(3);
        Tensor base = x.narrow(2, 0, h - 1).narrow(3, 0, w - 1);
        Tensor dh = x.narrow(2, 1, h - 1).narrow(3, 0, w - 1).minus(base);
        Tensor dw = x.narrow(2, 0, h - 1).narrow(3, 1, w - 1).minus(base);
        return dh.square().plus(dw.square()).plus(EPS).sqrt().sum().times(1.0 / ((h - 1) * (w - 1)));
    }

    @Override
    public String describe() { return "TV prior (λ = " + weight + ", β = 0.5)"; }
}
