package dip.prior;

import dip.engine.Tensor;

/** The fixed input z of the generator. */
public enum NetInput {
    /** depth channels of U(0, 0.1) noise, drawn once. */
    NOISE,
    /** 2 channels: x and y coordinates in [0,1]. */
    MESHGRID;

    public static final double NOISE_SCALE = 0.1;

    public Tensor create(int depth, int height, int width) {
        if (this == NOISE) {
            return Tensor.uniform(0, NOISE_SCALE, 1, depth, height, width);
        }
        if (depth != 2) {
            throw new IllegalArgumentException("a meshgrid input has 2 channels, not " + depth);
        }
        float[] v = new float[2 * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                v[y * width + x] = width > 1 ? x / (float) (width - 1) : 0f;
                v[height * width + y * width + x] = height > 1 ? y / (float) (height - 1) : 0f;
            }
        }
        return Tensor.of(v, 1, 2, height, width);
    }
}
