package dip.task;

import dip.engine.Tensor;
import dip.image.Image;
import dip.image.Mask;

/**
 * Inpainting and pixel restoration: E(x; x0) = mean(((x − x0) ⊙ m)²), m = 1 where known, 0 in holes,
 * one mask for all channels; the mean runs over all elements, holes included (as in the paper).
 */
public final class Inpaint implements Task {
    private final Image observed;
    private final Image mask;
    private final Tensor x0;
    private final Tensor m;

    /** @param mask 1 channel, same size as the image, 1 = known, 0 = hole */
    public Inpaint(Image observed, Image mask) {
        if (mask.channels() != 1 || mask.height() != observed.height() || mask.width() != observed.width()) {
            throw new IllegalArgumentException("the mask is " + mask.shape() + " but the image is "
                    + observed.height() + "x" + observed.width());
        }
        this.observed = observed;
        this.mask = mask;
        this.m = Tensor.of(mask).keep();
        this.x0 = Tensor.of(observed).times(m).keep();
    }

    /** x ⊙ m: the known pixels. */
    @Override
    public Tensor forward(Tensor x) { return x.times(m); }

    @Override
    public Tensor dataTerm(Tensor x) { return x.times(m).minus(x0).square().mean(); }

    /** The observation model's simulation: the clean image with its holes (mask 0) set to 0. */
    public static Image simulate(Image clean, Image mask) { return Mask.apply(clean, mask); }

    @Override
    public Image observation() { return observed; }

    public Image mask() { return mask; }

    /** The observation with every hole set to the mean of the known values. */
    @Override
    public Image initialGuess() {
        Image out = observed.copy();
        for (int c = 0; c < out.channels(); c++) {
            double sum = 0;
            long n = 0;
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    if (mask.get(0, y, x) > 0.5f) {
                        sum += out.get(c, y, x);
                        n++;
                    }
                }
            }
            float fill = n == 0 ? 0.5f : (float) (sum / n);
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    if (mask.get(0, y, x) <= 0.5f) {
                        out.set(c, y, x, fill);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String name() { return "inpaint"; }
}
