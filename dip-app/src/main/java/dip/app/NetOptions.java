package dip.app;

import dip.net.NetPresets;
import dip.net.SkipConfig;
import dip.restore.NetSpec;
import picocli.CommandLine.Option;

/** Options that shape the generator net; defaults are those of the skip preset chosen ("skip" or "skip-64"). */
public final class NetOptions {
    @Option(names = "--input-depth", defaultValue = "32", description = "Channels of the net's input z (default: ${DEFAULT-VALUE}).")
    int inputDepth;

    @Option(names = "--channels-down", split = ",", paramLabel = "N,N,...",
            description = "Channels per level on the way down (default: the net's: 128 per level for skip, 64 for skip-64).")
    int[] down;

    @Option(names = "--channels-up", split = ",", paramLabel = "N,N,...",
            description = "Channels per level on the way up (default: same as --channels-down).")
    int[] up;

    @Option(names = "--channels-skip", split = ",", paramLabel = "N,N,...",
            description = "Skip channels per level, 0 for none (default: 4 per level).")
    int[] skip;

    @Option(names = "--kernel-down", defaultValue = "3", description = "Kernel size of the down convs (default: ${DEFAULT-VALUE}).")
    int kernelDown;

    @Option(names = "--kernel-up", defaultValue = "3", description = "Kernel size of the up convs (default: ${DEFAULT-VALUE}).")
    int kernelUp;

    @Option(names = "--kernel-skip", defaultValue = "1", description = "Kernel size of the skip convs (default: ${DEFAULT-VALUE}).")
    int kernelSkip;

    @Option(names = "--upsample", defaultValue = "BILINEAR", description = "Upsampling: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SkipConfig.UpMode upMode;

    @Option(names = "--downsample", defaultValue = "STRIDE", description = "Downsampling: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SkipConfig.DownMode downMode;

    @Option(names = "--no-1x1-up", description = "Drop the 1×1 conv at the end of each up level.")
    boolean no1x1Up;

    /** True when any option changes the default skip net's shape. */
    boolean customised() {
        return inputDepth != 32 || down != null || up != null || skip != null || kernelDown != 3 || kernelUp != 3
                || kernelSkip != 1 || upMode != SkipConfig.UpMode.BILINEAR || downMode != SkipConfig.DownMode.STRIDE || no1x1Up;
    }

    /** The skip net these options describe, starting from {@code base} (a skip preset's net; the task sets the outputs). */
    private SkipConfig config(SkipConfig base) {
        int[] d = down != null ? down : base.down();
        int[] u = up != null ? up : d;
        int[] s = skip != null ? skip : d.length == base.levels() ? base.skip() : filled(d.length, 4);
        return base.withChannels(d, u, s).withKernels(kernelDown, kernelUp, kernelSkip)
                .withModes(upMode, downMode).withOneByOneUp(!no1x1Up);
    }

    /** The net called {@code name}, reshaped by these options where it is a skip hourglass ("skip", "skip-64"). */
    public NetSpec spec(String name) {
        SkipConfig base = NetPresets.skipConfig(name, inputDepth, 3);
        return base != null && customised() ? NetSpec.skip(config(base)) : NetSpec.preset(name, inputDepth);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
