package dip.task;

import dip.engine.Ops;
import dip.engine.Tensor;
import dip.image.Image;
import dip.image.Resize;

/** Super-resolution ×f: E(x; x0) = mean((d(x) − x0)²), d the Lanczos-2 downsampler; x is f times larger than x0. */
public final class SuperResolve implements Task {
    private final Image lowRes;
    private final Tensor x0;
    private final LanczosDownsampler down;

    public SuperResolve(Image lowRes, int factor) {
        this.lowRes = lowRes;
        this.down = new LanczosDownsampler(factor);
        this.x0 = Tensor.of(lowRes).keep();
    }

    @Override
    public Tensor dataTerm(Tensor x) { return Ops.mse(down.apply(x), x0); }

    @Override
    public Image observation() { return lowRes; }

    @Override
    public int outputHeight() { return lowRes.height() * down.factor(); }

    @Override
    public int outputWidth() { return lowRes.width() * down.factor(); }

    public int factor() { return down.factor(); }

    /** Pixel priors start from the bicubic upscale of the observation. */
    @Override
    public Image initialGuess() { return Resize.upscaleBicubic(lowRes, down.factor()); }

    @Override
    public String name() { return "super-resolve x" + down.factor(); }
}
