package dip.task;

import dip.engine.Ops;
import dip.engine.Tensor;
import dip.image.Image;
import java.util.SplittableRandom;

/** Denoising (and blind JPEG clean-up): E(x; x0) = mean((x − x0)²), x0 is the noisy image itself. */
public final class Denoise implements Task {
    private final Image noisy;
    private final Tensor x0;
    private final String name;

    public Denoise(Image noisy) { this(noisy, "denoise"); }

    private Denoise(Image noisy, String name) {
        this.noisy = noisy;
        this.name = name;
        this.x0 = Tensor.of(noisy).keep();
    }

    /** Blind JPEG artifact removal: the same data term, the compressed image as x0. */
    public static Denoise jpeg(Image compressed) { return new Denoise(compressed, "jpeg"); }

    /** Identity: the observation is the image itself (plus noise). */
    @Override
    public Tensor forward(Tensor x) { return x; }

    @Override
    public Tensor dataTerm(Tensor x) { return Ops.mse(x, x0); }

    /**
     * The observation model's simulation: x + N(0, σ²) per pixel and channel, clipped to [0,1], from a generator
     * seeded with {@code seed} (as the authors synthesise noisy inputs). {@code sigma} is in [0,1] units (25/255
     * for the paper's σ = 25).
     */
    public static Image addNoise(Image clean, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Image out = clean.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            d[i] = (float) Math.min(1, Math.max(0, d[i] + sigma * g));
        }
        return out;
    }

    @Override
    public Image observation() { return noisy; }

    @Override
    public String name() { return name; }
}
