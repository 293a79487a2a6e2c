package dip.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dip.engine.Engine;
import dip.engine.Scope;
import dip.engine.Tensor;
import dip.image.Image;
import dip.prior.TvPrior;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every data term's gradient (libtorch autograd) against central finite differences in double precision. */
class DataTermGradientTest {
    @BeforeAll
    static void init() { Engine.init(1); }

    private static Image random(int c, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Image img = Image.zeros(c, h, w);
        for (int i = 0; i < img.data().length; i++) {
            img.data()[i] = (float) r.nextDouble();
        }
        return img;
    }

    /** Checks dE/dx at every element against (E(x+h) − E(x−h)) / 2h. */
    private static void check(Function<Tensor, Tensor> energy, Image x) {
        float[] grad;
        try (Scope s = new Scope()) {
            Tensor t = Tensor.of(x).requireGrad();
            energy.apply(t).backward();
            grad = t.grad().toArray();
        }
        double h = 1e-2;
        for (int i = 0; i < x.data().length; i += 7) {
            float[] plus = x.data().clone();
            float[] minus = x.data().clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double ep;
            double em;
            try (Scope s = new Scope()) {
                ep = energy.apply(Tensor.of(new Image(x.channels(), x.height(), x.width(), plus))).item();
                em = energy.apply(Tensor.of(new Image(x.channels(), x.height(), x.width(), minus))).item();
            }
            double numeric = (ep - em) / (2 * h);
            assertEquals(numeric, grad[i], 2e-3 * Math.max(1e-3, Math.abs(numeric)) + 2e-6, "element " + i);
        }
    }

    @Test
    void denoise() {
        Denoise task = new Denoise(random(3, 6, 5, 1));
        check(task::dataTerm, random(3, 6, 5, 2));
    }

    @Test
    void superResolve() {
        SuperResolve task = new SuperResolve(random(3, 3, 4, 3), 2);
        check(task::dataTerm, random(3, 6, 8, 4));
    }

    @Test
    void inpaint() {
        Image mask = random(1, 6, 5, 5);
        for (int i = 0; i < mask.data().length; i++) {
            mask.data()[i] = mask.data()[i] > 0.5f ? 1f : 0f;
        }
        Inpaint task = new Inpaint(random(3, 6, 5, 6), mask);
        check(task::dataTerm, random(3, 6, 5, 7));
    }

    @Test
    void totalVariation() {
        check(TvPrior::tv, random(1, 6, 5, 8));
    }

    @Test
    void tvOfAHandComputedExample() {
        // 1 channel, 3×3: rows [0 1 2], [0 1 2], [3 3 3]. Over the 2×2 top-left positions:
        // (0,0): dh 0, dw 1 → 1; (0,1): dh 0, dw 1 → 1; (1,0): dh 3, dw 1 → √10; (1,1): dh 2, dw 1 → √5.
        float[] v = {0, 1, 2, 0, 1, 2, 3, 3, 3};
        try (Scope s = new Scope()) {
            double tv = TvPrior.tv(Tensor.of(v, 1, 1, 3, 3)).item();
            assertEquals((2 + Math.sqrt(10) + Math.sqrt(5)) / 4, tv, 1e-6);
        }
    }

    @Test
    void inpaintingIgnoresHolesAndAveragesOverAllElements() {
        Image obs = Image.zeros(1, 1, 2);
        Image mask = new Image(1, 1, 2, new float[] {1, 0});
        Inpaint task = new Inpaint(obs, mask);
        try (Scope s = new Scope()) {
            // x = [0.5, 100]: only the known pixel counts, and the mean runs over 2 elements → 0.25 / 2.
            assertEquals(0.125, task.dataTerm(Tensor.of(new float[] {0.5f, 100f}, 1, 1, 1, 2)).item(), 1e-7);
        }
    }
}
