package dip.net;

import java.util.Arrays;

/**
 * The U-Net of the paper's architecture comparison (authors' models/unet.py, feature_scale 4):
 * filters per level (the first is the full-resolution stage), the upsampling mode and whether the
 * encoder stages use BatchNorm.
 */
public record UNetConfig(int inputDepth, int outputChannels, int[] filters, SkipConfig.UpMode upsample,
                         boolean batchNorm) {

    public UNetConfig {
        if (inputDepth < 1 || outputChannels < 1) {
            throw new IllegalArgumentException("input depth and output channels must be positive");
        }
        if (filters.length == 0 || Arrays.stream(filters).anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("need at least one level of positive filters, got " + Arrays.toString(filters));
        }
        filters = filters.clone();
    }

    /** Depth 5, filters [16,32,64,128,256], bilinear upsampling, BatchNorm. */
    public static UNetConfig defaults(int inputDepth, int outputChannels) {
        return new UNetConfig(inputDepth, outputChannels, new int[] {16, 32, 64, 128, 256},
                SkipConfig.UpMode.BILINEAR, true);
    }

    public int levels() { return filters.length; }

    public UNetConfig withFilters(int... f) { return new UNetConfig(inputDepth, outputChannels, f, upsample, batchNorm); }

    public UNetConfig withUpsample(SkipConfig.UpMode u) { return new UNetConfig(inputDepth, outputChannels, filters, u, batchNorm); }

    public UNetConfig withBatchNorm(boolean on) { return new UNetConfig(inputDepth, outputChannels, filters, upsample, on); }

    @Override
    public int[] filters() { return filters.clone(); }
}
