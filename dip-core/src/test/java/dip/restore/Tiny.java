package dip.restore;

import dip.image.Image;
import dip.net.SkipConfig;

/** Test helpers: a tiny net and a smooth synthetic scene, so restorations take well under a second. */
final class Tiny {
    private Tiny() {}

    /** A 2-level skip net with 8 channels: the paper net's code path at a fraction of the cost. */
    static final NetSpec NET = NetSpec.skip(SkipConfig.defaults(8, 3)
            .withChannels(new int[] {8, 8}, new int[] {8, 8}, new int[] {2, 2}));

    /** A smooth colour scene in [0.15, 0.85] with one soft edge (seeded phases). */
    static Image scene(int channels, int size, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double phase = r.nextDouble() * 3;
        Image img = Image.zeros(channels, size, size);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.5 + 0.2 * Math.sin(0.25 * x + phase + c) * Math.cos(0.2 * y - c)
                            + (x + y > size ? 0.15 : -0.15);
                    img.set(c, y, x, (float) v);
                }
            }
        }
        return img;
    }
}
