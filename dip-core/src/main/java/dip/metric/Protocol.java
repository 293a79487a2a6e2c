package dip.metric;

import dip.image.Image;
import java.util.Locale;

/**
 * The one scoring protocol of dip, used alike by the CLI ({@code --reference}, {@code compare}) and the
 * benchmarks. The restoration is clamped to [0,1] first (as it is saved).
 * <ul>
 * <li>{@link #RGB} (denoising, JPEG, inpainting): PSNR and SSIM over every pixel and channel, peak 1.</li>
 * <li>{@link #Y_SHAVE} (super-resolution, the paper's tables): PSNR and SSIM on the luma Y only, over the
 * region that drops 4 pixels at the top and left and 5 at the bottom and right ({@link Psnr#yPsnrShaved}).
 * SSIM sees exactly the pixels the PSNR sees.</li>
 * </ul>
 */
public enum Protocol {
    /** Luma of the /32-cropped box, 4 px shaved top/left and 5 px bottom/right (published.csv: y_shave). */
    Y_SHAVE("y_shave", "Y-PSNR, 4/5 px shaved (paper's SR protocol)"),
    /** All pixels and channels, range 1 (published.csv: rgb). */
    RGB("rgb", "PSNR over the whole image, all channels (paper's protocol)");

    private final String key;
    private final String description;

    Protocol(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The protocol's key in published.csv and provenance files. */
    public String key() { return key; }

    /** One line saying what is measured. */
    public String description() { return description; }

    /** PSNR in dB of {@code x} (clamped to [0,1]) against the ground truth {@code gt}, under this protocol. */
    public double psnr(Image x, Image gt) {
        return psnr(x, gt, null);
    }

    /**
     * {@link #psnr(Image, Image)} over the pixels a mask selects (for {@link #Y_SHAVE} those of the shaved region);
     * NaN when that leaves none.
     *
     * @param mask one flag per pixel of the whole image, row-major, true for a pixel to measure; null for every pixel
     */
    public double psnr(Image x, Image gt, boolean[] mask) {
        Image c = x.clamped();
        return this == Y_SHAVE ? Psnr.yPsnrShaved(c, gt, mask) : Psnr.psnr(c, gt, mask);
    }

    /** SSIM of {@code x} (clamped to [0,1]) against {@code gt} on the pixels {@link #psnr} sees. */
    public double ssim(Image x, Image gt) {
        Image c = x.clamped();
        return this == Y_SHAVE ? Ssim.ssim(shavedLuma(c), shavedLuma(gt)) : Ssim.ssim(c, gt);
    }

    /** Whether SSIM's 11×11 window fits in what this protocol measures of an image of this size. */
    public boolean ssimFits(Image x) {
        int shave = this == Y_SHAVE ? Psnr.SHAVE_TOP_LEFT + Psnr.SHAVE_BOTTOM_RIGHT : 0;
        return x.height() - shave >= Ssim.WINDOW && x.width() - shave >= Ssim.WINDOW;
    }

    /**
     * "PSNR 27.31 dB, SSIM 0.8123", or for SR "Y-PSNR … (shave 4/5), SSIM …; RGB PSNR …" (the RGB figure as
     * information); SSIM only where its window fits.
     */
    public String describe(Image x, Image gt) {
        String s = String.format(Locale.ROOT, this == Y_SHAVE ? "Y-PSNR %.2f dB (shave 4/5)" : "PSNR %.2f dB", psnr(x, gt));
        if (ssimFits(x)) {
            s += String.format(Locale.ROOT, ", SSIM %.4f", ssim(x, gt));
        }
        if (this == Y_SHAVE) {
            s += String.format(Locale.ROOT, "; RGB PSNR %.2f dB", RGB.psnr(x, gt));
        }
        return s;
    }

    private static Image shavedLuma(Image img) {
        int h = img.height() - Psnr.SHAVE_TOP_LEFT - Psnr.SHAVE_BOTTOM_RIGHT;
        int w = img.width() - Psnr.SHAVE_TOP_LEFT - Psnr.SHAVE_BOTTOM_RIGHT;
        return Psnr.luma(img).crop(Psnr.SHAVE_TOP_LEFT, Psnr.SHAVE_TOP_LEFT, h, w);
    }
}
