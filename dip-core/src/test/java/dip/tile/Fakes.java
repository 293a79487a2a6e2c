package dip.tile;

import dip.image.Image;
import java.util.SplittableRandom;

/** Test helpers: images, and fake per-tile restorers that need no engine. */
final class Fakes {
    private Fakes() {}

    /** Uniform random values in [0,1) from the seed. */
    static Image random(int channels, int height, int width, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[channels * height * width];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rnd.nextDouble();
        }
        return new Image(channels, height, width, d);
    }

    static Image constant(int channels, int height, int width, float value) {
        float[] d = new float[channels * height * width];
        java.util.Arrays.fill(d, value);
        return new Image(channels, height, width, d);
    }

    /** Nearest-neighbour upscaling by f: every pixel becomes an f×f block (a fake super-resolution). */
    static Image nearest(Image img, int f) {
        Image out = Image.zeros(img.channels(), img.height() * f, img.width() * f);
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    out.set(c, y, x, img.get(c, y / f, x / f));
                }
            }
        }
        return out;
    }

    /** Blends every tile of the plan, each restored as nearest(crop of image, scale). */
    static Image blendNearest(TilePlan plan, Image image) {
        TileBlender blender = new TileBlender(plan, image.channels());
        for (Tile t : plan.tiles()) {
            Tile.Rect r = t.input();
            blender.add(t, nearest(image.crop(r.y(), r.x(), r.height(), r.width()), plan.scale()));
        }
        return blender.result();
    }
}
