package dip.task;

import dip.engine.Ops;
import dip.engine.Tensor;
import dip.image.Image;
import dip.image.MatlabResize;
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
     * A low-resolution input made as the authors' notebook makes it: {@link #groundTruth} of the HR image,
     * downscaled by {@code factor} with PIL-exact antialiased Lanczos-3 and rounded to 8 bits. (The data term's
     * downsampler is the Lanczos-2 filter instead; that difference is the paper's.)
     */
    public static Image simulate(Image hr, int factor) { return simulate(hr, factor, Downscaler.LANCZOS3); }

    /** A low-resolution input: {@link #groundTruth} of the HR image, downscaled by {@code factor} in 8 bits. */
    public static Image simulate(Image hr, int factor, Downscaler downscaler) {
        return downscaler.apply(groundTruth(hr), factor);
    }

    /** How a low-resolution input is made from its (cropped) high-resolution image, in 8 bits. */
    public enum Downscaler {
        /** PIL's {@code resize(..., ANTIALIAS)}: antialiased Lanczos-3, as the authors' notebook makes its inputs. */
        LANCZOS3("lanczos3", "Lanczos-3 (PIL ANTIALIAS)"),
        /**
         * MATLAB's {@code imresize(hr, 1/f)}: antialiased bicubic, as the super-resolution benchmarks make their
         * inputs; the paper's Set5 bicubic column is met by these inputs.
         */
        BICUBIC("bicubic", "bicubic (MATLAB imresize, antialiased)");

        private final String key;
        private final String description;

        Downscaler(String key, String description) {
            this.key = key;
            this.description = description;
        }

        /** The name on the command line, in settings and provenance: "lanczos3" or "bicubic". */
        public String key() { return key; }

        /** How the kernel is named in reports, e.g. "Lanczos-3 (PIL ANTIALIAS)". */
        public String description() { return description; }

        public Image apply(Image hr, int factor) {
            return this == LANCZOS3 ? Resize.downscaleLanczos3As8Bit(hr, factor) : MatlabResize.downscaleBicubic8Bit(hr, factor);
        }

        public static Downscaler parse(String key) {
            for (Downscaler d : values()) {
                if (d.key.equals(key)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown downscaler '" + key + "'; choose lanczos3 or bicubic");
        }
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
