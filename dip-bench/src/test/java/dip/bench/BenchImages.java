package dip.bench;

import dip.image.Image;
import dip.image.ImageFiles;
import dip.net.Net;
import dip.net.SkipConfig;
import dip.restore.NetSpec;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Tiny synthetic benchmark folders and a tiny net, so quality runs take milliseconds. */
final class BenchImages {
    private BenchImages() {}

    /** A 2-level skip net with 8 channels: the same code path as the paper's net at a fraction of the cost. */
    static final NetSpec TINY_NET = NetSpec.skip(SkipConfig.defaults(32, 3)
            .withChannels(new int[] {8, 8}, new int[] {8, 8}, new int[] {2, 2}));

    /** A smooth pattern in [0.1, 0.9], never 0 (0 marks a hole in masked images). */
    static Image pattern(int channels, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double phase = r.nextDouble() * 3;
        Image img = Image.zeros(channels, size, size);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.5 + 0.4 * Math.sin(0.3 * x + 0.2 * y + phase + c);
                    img.set(c, y, x, Math.round(v * 255) / 255f);
                }
            }
        }
        return img;
    }

    static Image noisy(Image clean, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Image out = clean.copy();
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = (float) Math.min(1, Math.max(0, out.data()[i] + 0.1 * (r.nextDouble() - 0.5)));
        }
        return out;
    }

    /** Every other pixel a hole (0). */
    static Image masked(Image clean) {
        Image out = clean.copy();
        for (int c = 0; c < out.channels(); c++) {
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    if ((x + y) % 2 == 0) {
                        out.set(c, y, x, 0f);
                    }
                }
            }
        }
        return out;
    }

    static void write(Image img, Path file) { ImageFiles.write(img, file, 8); }

    /** NAME_GT.png + NAME_noisy.png, RGB. */
    static Path denoiseFolder(Path dir, int size, String... names) {
        for (int i = 0; i < names.length; i++) {
            Image gt = pattern(3, size, i);
            write(gt, dir.resolve(names[i] + "_GT.png"));
            write(noisy(gt, i), dir.resolve(names[i] + "_noisy.png"));
        }
        return dir;
    }

    /** NAME_GT.png + NAME_masked.png, grey. */
    static Path inpaintFolder(Path dir, int size, String... names) {
        for (int i = 0; i < names.length; i++) {
            Image gt = pattern(1, size, i);
            write(gt, dir.resolve(names[i] + "_GT.png"));
            write(masked(gt), dir.resolve(names[i] + "_masked.png"));
        }
        return dir;
    }

    /** NAME_GT.png HR images, RGB. */
    static Path srFolder(Path dir, int size, String... names) {
        for (int i = 0; i < names.length; i++) {
            write(pattern(3, size, i), dir.resolve(names[i] + "_GT.png"));
        }
        return dir;
    }
}
