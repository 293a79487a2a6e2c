package dip.net;

/**
 * The ResNet of the paper's architecture comparison, after the authors' models/resnet.py
 * (need_residual, LeakyReLU, BatchNorm, sigmoid):
 *
 * <pre>
 *   net(z) = conv3x3(in→C) · LReLU
 *            · blocks × [x + (conv3x3 · BN · LReLU · conv3x3 · BN)(x)]
 *            · conv3x3(C→C) · BN · conv3x3(C→out) · sigmoid
 * </pre>
 *
 * Two deliberate differences from the reference, both from using this project's one Conv layer:
 * every conv has a bias (the reference's block convs have bias=False — a bias right before
 * training-mode BN is cancelled by the mean subtraction and gets zero gradient, so only the
 * parameter count changes, by 2·blocks·C), and every conv pads by reflection (the reference's
 * block convs and the conv before the last BN pad with zeros). No resampling: any H×W ≥ 2 works.
 */
public final class ResNet {
    private ResNet() {}

    public static Net build(ResNetConfig c) {
        int ch = c.channels();
        Sequential net = new Sequential("ResNet, " + c.blocks() + " blocks of " + ch)
                .add(new Conv(c.inputDepth(), ch, 3, 1)).add(Activation.LEAKY_RELU);
        for (int b = 0; b < c.blocks(); b++) {
            Sequential body = new Sequential("block " + b)
                    .add(new Conv(ch, ch, 3, 1)).add(new BatchNorm(ch)).add(Activation.LEAKY_RELU)
                    .add(new Conv(ch, ch, 3, 1)).add(new BatchNorm(ch));
            net.add(new Residual(body));
        }
        net.add(new Conv(ch, ch, 3, 1)).add(new BatchNorm(ch))
                .add(new Conv(ch, c.outputChannels(), 3, 1)).add(Activation.SIGMOID);
        return new Net("resnet", net, c.inputDepth(), c.outputChannels(), 1);
    }
}
