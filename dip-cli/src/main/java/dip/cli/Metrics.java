package dip.cli;

import dip.image.Image;
import dip.metric.Psnr;
import dip.metric.Ssim;

/** How results are scored against a reference: RGB/grey PSNR (+ SSIM), or SR's Y-PSNR with the shave too. */
enum Metrics {
    RGB, SUPER_RESOLUTION;

    String describe(Image x, Image ref) {
        String s = String.format("PSNR %.2f dB", Psnr.psnr(x.clamped(), ref));
        if (this == SUPER_RESOLUTION) {
            s = String.format("Y-PSNR %.2f dB (shave 4/5), RGB ", Psnr.yPsnrShaved(x.clamped(), ref)) + s;
        }
        if (x.height() >= 11 && x.width() >= 11) {
            s += String.format(", SSIM %.4f", Ssim.ssim(x.clamped(), ref));
        }
        return s;
    }
}
