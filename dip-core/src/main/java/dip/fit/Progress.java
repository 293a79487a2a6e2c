package dip.fit;

import dip.image.Image;
import java.util.function.Supplier;

/**
 * What a listener sees after each iteration. The images are copied out of native memory only when
 * asked for, and only during the callback.
 *
 * @param iteration  1-based
 * @param loss       the data term of this iteration's output
 * @param psnrOutput PSNR of this iteration's output against the reference (NaN if none or not evaluated)
 * @param psnrAverage PSNR of the running average against the reference (NaN if none or not evaluated)
 * @param backtracked whether this iteration rolled the weights back
 */
public record Progress(int iteration, int iterations, double loss, double psnrOutput, double psnrAverage,
                       boolean backtracked, double elapsedSeconds,
                       Supplier<Image> output, Supplier<Image> average) {

    public boolean evaluated() { return !Double.isNaN(psnrOutput); }
}
