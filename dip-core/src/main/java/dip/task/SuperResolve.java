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

    /** The Lanczos-2 downsampler d. */
    @Override
    public Tensor forward(Tensor x) { return down.apply(x); }

    @Override
    public Tensor dataTerm(Tensor x) { return Ops.mse(down.apply(x), x0); }

    /** The paper's SR inputs are made from the HR cropped to a multiple of this (the authors' crop_image). */
    public static final int CROP_MULTIPLE = 32;

    /** The ground truth the paper scores against: the HR image cropped to a multiple of {@value #CROP_MULTIPLE}. */
    public static Image groundTruth(Image hr) { return Resize.cropToMultiple(hr, CROP_MULTIPLE); }

    /**
     * The benchmark's low-resolution input, made as the paper made it: {@link #groundTruth} of the HR image,
     * downscaled by {@code factor} with PIL-exact antialiased Lanczos-3 and rounded to 8 bits. (The data term's
     * downsampler is the Lanczos-2 filter instead; that difference is the paper's.)
     */
    public static Image simulate(Image hr, int factor) {
        return Resize.downscaleLanczos3As8Bit(groundTruth(hr), factor);
    }

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
