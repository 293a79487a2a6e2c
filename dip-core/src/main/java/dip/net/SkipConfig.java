package dip.net;

import java.util.Arrays;

/**
 * The skip hourglass's settings (DIP.md): channels per level down (nd), up (nu) and on the skips (ns),
 * kernel sizes, resampling modes, the optional 1×1 conv on the way up, input depth and output channels.
 */
public record SkipConfig(int inputDepth, int outputChannels, int[] down, int[] up, int[] skip,
                         int downKernel, int upKernel, int skipKernel,
                         UpMode upMode, DownMode downMode, boolean oneByOneUp, boolean sigmoidOutput) {

    public enum UpMode { BILINEAR, NEAREST }

    public enum DownMode { STRIDE, AVG, MAX }

    public SkipConfig {
        if (down.length == 0 || down.length != up.length || down.length != skip.length) {
            throw new IllegalArgumentException("down, up and skip channels need one entry per level, got "
                    + Arrays.toString(down) + " " + Arrays.toString(up) + " " + Arrays.toString(skip));
        }
        if (inputDepth < 1 || outputChannels < 1) {
            throw new IllegalArgumentException("input depth and output channels must be positive");
        }
        for (int k : new int[] {downKernel, upKernel, skipKernel}) {
            if (k < 1 || k % 2 == 0) {
                throw new IllegalArgumentException("kernel sizes must be odd and positive, got " + k);
            }
        }
        for (int i = 0; i < down.length; i++) {
            if (down[i] < 1 || up[i] < 1 || skip[i] < 0) {
                throw new IllegalArgumentException("channel counts must be positive (skips may be 0)");
            }
        }
        down = down.clone();
        up = up.clone();
        skip = skip.clone();
    }

    /** The paper's default: 5 levels of 128 channels, 4 skip channels, 3×3 kernels, bilinear up, stride down. */
    public static SkipConfig defaults(int inputDepth, int outputChannels) {
        int[] c128 = {128, 128, 128, 128, 128};
        return new SkipConfig(inputDepth, outputChannels, c128, c128, new int[] {4, 4, 4, 4, 4},
                3, 3, 1, UpMode.BILINEAR, DownMode.STRIDE, true, true);
    }

    public int levels() { return down.length; }

    public SkipConfig withChannels(int[] d, int[] u, int[] s) {
        return new SkipConfig(inputDepth, outputChannels, d, u, s, downKernel, upKernel, skipKernel,
                upMode, downMode, oneByOneUp, sigmoidOutput);
    }

    public SkipConfig withIo(int in, int out) {
        return new SkipConfig(in, out, down, up, skip, downKernel, upKernel, skipKernel,
                upMode, downMode, oneByOneUp, sigmoidOutput);
    }

    public SkipConfig withModes(UpMode u, DownMode d) {
        return new SkipConfig(inputDepth, outputChannels, down, up, skip, downKernel, upKernel, skipKernel,
                u, d, oneByOneUp, sigmoidOutput);
    }

    public SkipConfig withKernels(int dk, int uk, int sk) {
        return new SkipConfig(inputDepth, outputChannels, down, up, skip, dk, uk, sk,
                upMode, downMode, oneByOneUp, sigmoidOutput);
    }

    public SkipConfig withOneByOneUp(boolean on) {
        return new SkipConfig(inputDepth, outputChannels, down, up, skip, downKernel, upKernel, skipKernel,
                upMode, downMode, on, sigmoidOutput);
    }

    /** Every setting, the channel arrays by value (a record prints arrays by identity): stable across runs, for hashes. */
    @Override
    public String toString() {
        return "SkipConfig[inputDepth=" + inputDepth + ", outputChannels=" + outputChannels + ", down=" + Arrays.toString(down)
                + ", up=" + Arrays.toString(up) + ", skip=" + Arrays.toString(skip) + ", kernels=" + downKernel + "/" + upKernel
                + "/" + skipKernel + ", " + upMode + ", " + downMode + ", oneByOneUp=" + oneByOneUp + ", sigmoid=" + sigmoidOutput + "]";
    }

    @Override
    public int[] down() { return down.clone(); }

    @Override
    public int[] up() { return up.clone(); }

    @Override
    public int[] skip() { return skip.clone(); }
}
