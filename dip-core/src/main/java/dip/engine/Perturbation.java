package dip.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * The net input's perturbation z + σ·ε, ε ~ N(0, 1), as the net's first layers take it.
 *
 * <p>libtorch draws normal numbers serially: at 512² the 8.4 million draws of an iteration take ~23 ms while the
 * second core waits, and adding them in NCHW order to a channels-last z, scaling and casting them took ~10 ms more. Here ε is drawn in z's own memory order, in {@link #BANDS} contiguous bands at once (one on a
 * helper thread), each band from its own generator seeded from one draw of the calling thread's generator; z + σ·ε
 * is then one contiguous pass, cast once. Measured in {@code bench speed} at 512², bf16, 2 threads (AMD Zen 5):
 * 35–38 ms an iteration before, 20–22 ms so. The bands do not depend on the thread count: the noise is the same on 1 thread or
 * 2 (with one thread the bands are drawn one after the other).
 */
public final class Perturbation {
    /** The number of independently seeded bands ε is drawn in (fixed: the bits must not depend on the machine). */
    static final int BANDS = 2;

    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dip-noise");
        t.setDaemon(true);
        return t;
    });

    private Perturbation() {}

    /**
     * z + σ·ε in {@code precision}, with z's layout (NCHW or channels-last). Not differentiable (z is a constant
     * input); one value is drawn from the calling thread's generator ({@link Engine#generator()}).
     */
    public static Tensor add(Tensor z, double sigma, Precision precision) {
        long n = z.numel();
        long seed = drawSeed();
        org.bytedeco.pytorch.Tensor flat = torch.empty(n);
        long bandSize = (n + BANDS - 1) / BANDS;
        Future<?>[] helpers = new Future<?>[BANDS];
        boolean parallel = Engine.threads() > 1;
        try {
            for (int b = BANDS - 1; b >= 0; b--) {
                long start = b * bandSize;
                long size = Math.min(bandSize, n - start);
                if (size <= 0) {
                    continue;
                }
                org.bytedeco.pytorch.Tensor band = flat.narrow(0, start, size);
                long bandSeed = mix(seed + b);
                Runnable draw = () -> drawNormal(band, bandSeed);
                if (parallel && b > 0) {
                    helpers[b] = HELPERS.submit(draw);
                } else {
                    draw.run();
                }
            }
        } finally {
            // Also when this thread's band failed: no helper may still write into flat once its scope frees it.
            for (Future<?> f : helpers) {
                await(f);
            }
        }
        org.bytedeco.pytorch.Tensor eps = inLayoutOf(flat, z.t);
        org.bytedeco.pytorch.Tensor out;
        try (NoGrad g = new NoGrad()) {
            out = z.t.add(eps, new Scalar(sigma)); // in fp32 first: written straight as bf16 it took 4× as long
        }
        if (precision == Precision.BF16) {
            out = out.to(torch.ScalarType.BFloat16);
        }
        return new Tensor(out);
    }

    /** One 63-bit value from the calling thread's generator. */
    private static long drawSeed() {
        return torch.empty(1).to(torch.ScalarType.Long).random_(new GeneratorOptional(Engine.generator())).item_long();
    }

    /** Fills the band; everything it creates is freed here (on a helper thread no caller's scope would free it). */
    private static void drawNormal(org.bytedeco.pytorch.Tensor band, long seed) {
        try (PointerScope scope = new PointerScope()) {
            Generator g = torch.createCPUGenerator(seed);
            band.normal_(0, 1, new GeneratorOptional(g));
        }
    }

    /** A flat tensor of z's size viewed with z's shape, its memory order that of z (channels-last or NCHW). */
    private static org.bytedeco.pytorch.Tensor inLayoutOf(org.bytedeco.pytorch.Tensor flat, org.bytedeco.pytorch.Tensor z) {
        long[] shape = new long[(int) z.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = z.size(i);
        }
        if (shape.length == 4 && !z.is_contiguous() && z.is_contiguous(torch.MemoryFormat.ChannelsLast)) {
            return flat.view(shape[0], shape[2], shape[3], shape[1]).permute(0, 3, 1, 2);
        }
        return flat.view(shape);
    }

    private static void await(Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing the input's perturbation", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** SplitMix64's finaliser: well-spread seeds for neighbouring band numbers. */
    static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }
}
