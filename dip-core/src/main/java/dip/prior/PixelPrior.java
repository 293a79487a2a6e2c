package dip.prior;

import dip.engine.Tensor;
import dip.image.Image;
import java.util.List;

/** "No prior": the pixels of x are the parameters, optimised directly against the data term. */
public class PixelPrior implements Prior {
    private final Tensor pixels;

    public PixelPrior(Image initial) {
        this.pixels = Tensor.of(initial).requireGrad().keep();
    }

    @Override
    public Tensor render(boolean perturbed) { return pixels; }

    @Override
    public List<Tensor> parameters() { return List.of(pixels); }

    @Override
    public String describe() { return "no prior (pixels optimised directly)"; }
}
