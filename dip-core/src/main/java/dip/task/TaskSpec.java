package dip.task;

import dip.image.Image;
import dip.image.Mask;
import dip.metric.Protocol;

/**
 * What to restore, as plain data (no native memory): the kind of task, the image as given, and what the
 * task needs besides (the SR factor, the inpainting mask), optionally with the degradation to simulate first
 * (noise added to a clean image, pixels dropped at random). {@link #task(long)} builds the native data term.
 * Immutable; the images are not copied, so do not change them afterwards.
 *
 * @param kind       the task
 * @param image      the image as given: the degraded observation, or the clean image a simulation degrades
 * @param factor     the super-resolution factor (2, 4, 8); 1 for the other tasks
 * @param mask       inpainting: 1 = known, 0 = hole (for {@link Kind#RESTORE_PIXELS} without {@code keep}: the
 *                   image's zero pixels); null for the other tasks and for pixels dropped by {@code keep}
 * @param noiseSigma denoising: std (in [0,1] units) of the Gaussian noise to add to {@code image} first; 0: none
 * @param keep       pixel restoration: drop pixels of {@code image} keeping each with this probability; 0: none
 */
public record TaskSpec(Kind kind, Image image, int factor, Image mask, double noiseSigma, double keep) {
    /** The restoration tasks. */
    public enum Kind {
        /** Denoising. */
        DENOISE("denoise"),
        /** Blind JPEG artifact removal (the denoising data term with the paper's JPEG net). */
        JPEG("jpeg"),
        /** Super-resolution by {@link TaskSpec#factor()}. */
        SUPER_RESOLVE("super-resolve"),
        /** Inpainting of holes given by a mask (region or text masks). */
        INPAINT("inpaint"),
        /** Restoration of randomly missing pixels (the paper's 50%-pixels recipe). */
        RESTORE_PIXELS("restore-pixels");

        private final String key;

        Kind(String key) { this.key = key; }

        /** The name in provenance files. */
        public String key() { return key; }

        /** The kind named {@code key}. */
        public static Kind byKey(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown task '" + key + "'");
        }
    }

    /** Checks the parts fit together. */
    public TaskSpec {
        if (kind == null || image == null) {
            throw new IllegalArgumentException("a task needs a kind and an image");
        }
        if (kind == Kind.SUPER_RESOLVE ? factor < 2 : factor != 1) {
            throw new IllegalArgumentException(kind == Kind.SUPER_RESOLVE ? "the SR factor must be at least 2, got " + factor
                    : "only super-resolution has a factor");
        }
        if (!(noiseSigma >= 0) || noiseSigma > 0 && kind != Kind.DENOISE) {
            throw new IllegalArgumentException("added noise must be zero or positive, and only for denoising");
        }
        if (!(keep >= 0 && keep < 1) || keep > 0 && (kind != Kind.RESTORE_PIXELS || mask != null)) {
            throw new IllegalArgumentException("keep must be in (0, 1) and goes with pixel restoration without a mask");
        }
        boolean needsMask = kind == Kind.INPAINT || kind == Kind.RESTORE_PIXELS && keep == 0;
        if (needsMask != (mask != null)) {
            throw new IllegalArgumentException(needsMask ? kind.key() + " needs a mask" : "only inpainting has a mask");
        }
        if (mask != null && (mask.channels() != 1 || mask.height() != image.height() || mask.width() != image.width())) {
            throw new IllegalArgumentException("the mask is " + mask.shape() + " but the image is "
                    + image.height() + "x" + image.width());
        }
    }

    /** Denoising of {@code noisy}. */
    public static TaskSpec denoise(Image noisy) { return new TaskSpec(Kind.DENOISE, noisy, 1, null, 0, 0); }

    /** Blind JPEG artifact removal of {@code compressed}. */
    public static TaskSpec jpeg(Image compressed) { return new TaskSpec(Kind.JPEG, compressed, 1, null, 0, 0); }

    /** Super-resolution of {@code lowRes} by {@code factor}. */
    public static TaskSpec superResolve(Image lowRes, int factor) {
        return new TaskSpec(Kind.SUPER_RESOLVE, lowRes, factor, null, 0, 0);
    }

    /** Inpainting of {@code image}'s holes, given by {@code mask} (1 = known, 0 = hole). */
    public static TaskSpec inpaint(Image image, Image mask) { return new TaskSpec(Kind.INPAINT, image, 1, mask, 0, 0); }

    /** Restoration of the missing pixels of {@code image}, marked by zero in every channel. */
    public static TaskSpec restorePixels(Image image) {
        return new TaskSpec(Kind.RESTORE_PIXELS, image, 1, Mask.fromZeros(image), 0, 0);
    }

    /** Restoration of the pixels of a clean {@code image} that are dropped first, each kept with probability {@code keep} (seeded). */
    public static TaskSpec dropPixels(Image clean, double keep) {
        if (!(keep > 0 && keep < 1)) {
            throw new IllegalArgumentException("keep must be between 0 and 1 (exclusive), got " + keep);
        }
        return new TaskSpec(Kind.RESTORE_PIXELS, clean, 1, null, 0, keep);
    }

    /** Denoising of a clean image with Gaussian noise of std {@code sigma} ([0,1] units) added first (seeded). */
    public TaskSpec withAddedNoise(double sigma) { return new TaskSpec(kind, image, factor, mask, sigma, keep); }

    /** Whether the observation is simulated from a clean image (noise added, pixels dropped). */
    public boolean simulated() { return noiseSigma > 0 || keep > 0; }

    /** The mask the data term uses (seeded when pixels are dropped at random), or null. */
    public Image mask(long seed) {
        return keep > 0 ? Mask.bernoulli(image.height(), image.width(), keep, seed) : mask;
    }

    /** The degraded image x0 the fit sees: the image as given, or its simulated degradation with this seed. */
    public Image observation(long seed) {
        if (noiseSigma > 0) {
            return Denoise.addNoise(image, noiseSigma, seed);
        }
        if (keep > 0) {
            return Inpaint.simulate(image, mask(seed));
        }
        return image;
    }

    /** Builds the data term (allocates native tensors: inside the restoration's memory owner). */
    public Task task(long seed) {
        Image x0 = observation(seed);
        return switch (kind) {
            case DENOISE -> new Denoise(x0);
            case JPEG -> Denoise.jpeg(x0);
            case SUPER_RESOLVE -> new SuperResolve(x0, factor);
            case INPAINT, RESTORE_PIXELS -> new Inpaint(x0, mask(seed));
        };
    }

    /** Channels of the restoration. */
    public int outputChannels() { return image.channels(); }

    /** Height of the restoration (the image's, times the factor for SR). */
    public int outputHeight() { return image.height() * factor; }

    /** Width of the restoration. */
    public int outputWidth() { return image.width() * factor; }

    /** How a restoration of this task is scored against ground truth: Y-PSNR shaved for SR, RGB otherwise. */
    public Protocol protocol() { return kind == Kind.SUPER_RESOLVE ? Protocol.Y_SHAVE : Protocol.RGB; }

    /** The task's name as the start line prints it, e.g. "super-resolve x4". */
    public String label() { return kind == Kind.SUPER_RESOLVE ? kind.key() + " x" + factor : kind.key(); }
}
