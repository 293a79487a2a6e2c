package dip.net;

/**
 * The skip hourglass of DIP.md, built level by level from the bottom up:
 * Level_i = concat(skip_i, deeper_i) · BN · conv(k_up) · BN · act · [conv1×1 · BN · act].
 */
public final class SkipNet {
    private SkipNet() {}

    public static Net build(SkipConfig c) {
        int levels = c.levels();
        int[] nd = c.down();
        int[] nu = c.up();
        int[] ns = c.skip();
        Layer deeperThanHere = null;
        for (int i = levels - 1; i >= 0; i--) {
            int in = i == 0 ? c.inputDepth() : nd[i - 1];
            int deeperOut = i < levels - 1 ? nu[i + 1] : nd[i];
            Sequential deeper = new Sequential("deeper " + i);
            deeper.add(downConv(c, in, nd[i]));
            if (c.downMode() != SkipConfig.DownMode.STRIDE) {
                deeper.add(c.downMode() == SkipConfig.DownMode.AVG ? Resample.DOWN_AVG : Resample.DOWN_MAX);
            }
            deeper.add(new BatchNorm(nd[i])).add(Activation.LEAKY_RELU);
            deeper.add(new Conv(nd[i], nd[i], c.downKernel(), 1)).add(new BatchNorm(nd[i])).add(Activation.LEAKY_RELU);
            if (deeperThanHere != null) {
                deeper.add(deeperThanHere);
            }
            deeper.add(c.upMode() == SkipConfig.UpMode.BILINEAR ? Resample.UP_BILINEAR : Resample.UP_NEAREST);

            Sequential level = new Sequential("level " + i);
            if (ns[i] > 0) {
                Sequential skip = new Sequential("skip " + i)
                        .add(new Conv(in, ns[i], c.skipKernel(), 1)).add(new BatchNorm(ns[i])).add(Activation.LEAKY_RELU);
                level.add(new Concat(skip, deeper));
            } else {
                level.add(deeper);
            }
            level.add(new BatchNorm(ns[i] + deeperOut));
            level.add(new Conv(ns[i] + deeperOut, nu[i], c.upKernel(), 1)).add(new BatchNorm(nu[i])).add(Activation.LEAKY_RELU);
            if (c.oneByOneUp()) {
                level.add(new Conv(nu[i], nu[i], 1, 1)).add(new BatchNorm(nu[i])).add(Activation.LEAKY_RELU);
            }
            deeperThanHere = level;
        }
        Sequential net = new Sequential("skip hourglass, " + levels + " levels");
        net.add(deeperThanHere).add(new Conv(nu[0], c.outputChannels(), 1, 1));
        if (c.sigmoidOutput()) {
            net.add(Activation.SIGMOID);
        }
        return new Net("skip", net, c.inputDepth(), c.outputChannels(), 1 << levels);
    }

    private static Conv downConv(SkipConfig c, int in, int out) {
        int stride = c.downMode() == SkipConfig.DownMode.STRIDE ? 2 : 1;
        return new Conv(in, out, c.downKernel(), stride);
    }
}
