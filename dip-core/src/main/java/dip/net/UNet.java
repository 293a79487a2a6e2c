package dip.net;

/**
 * The U-Net of the paper's architecture comparison, after the authors' models/unet.py
 * (feature_scale 4, no concat_x, no extra layers), with this project's reflection-padded convs.
 *
 * <pre>
 *   stage(a→b)  = conv3x3(a→b) · [BN] · ReLU · conv3x3(b→b) · [BN] · ReLU
 *   U_i(x)      = upStage_i(concat(up_i(deeper_i(x)), x))        x: f[i] channels, i &lt; L−1
 *   deeper_i    = maxpool2 · stage(f[i]→f[i+1]) · [U_{i+1}]
 *   up_i        = upsample×2 · conv3x3(f[i+1]→f[i])
 *   upStage_i   = conv3x3(2f[i]→f[i]) · ReLU · conv3x3(f[i]→f[i]) · ReLU   (no norm, as in unetUp)
 *   net(z)      = stage(in→f[0]) · U_0 · conv1x1(f[0]→out) · sigmoid
 * </pre>
 *
 * Concat order is upsampled-deeper first, skip second ({@code torch.cat([in1_up, inputs2])}).
 * The skip is an empty Sequential (identity), so Net.forwardMacs — which treats Concat's children
 * as parallel branches at the same resolution — counts this net correctly without a special case.
 * H and W must be multiples of 2^(L−1); reflection padding further needs the bottom stage to be at
 * least 2×2, i.e. H, W ≥ 2^L (32 for the default).
 */
public final class UNet {
    private UNet() {}

    public static Net build(UNetConfig c) {
        int[] f = c.filters();
        int levels = f.length;
        Layer below = null; // U_{i+1}, built bottom-up; the deepest level has none
        for (int i = levels - 2; i >= 0; i--) {
            Sequential deeper = new Sequential("deeper " + i)
                    .add(Resample.DOWN_MAX)
                    .add(stage("down stage " + (i + 1), f[i], f[i + 1], c.batchNorm()));
            if (below != null) {
                deeper.add(below);
            }
            deeper.add(c.upsample() == SkipConfig.UpMode.BILINEAR ? Resample.UP_BILINEAR : Resample.UP_NEAREST)
                    .add(new Conv(f[i + 1], f[i], 3, 1));
            below = new Sequential("level " + i)
                    .add(new Concat(deeper, new Sequential("skip (identity)")))
                    .add(stage("up stage " + i, 2 * f[i], f[i], false));
        }
        Sequential net = new Sequential("U-Net, " + levels + " levels")
                .add(stage("down stage 0", c.inputDepth(), f[0], c.batchNorm()));
        if (below != null) {
            net.add(below);
        }
        net.add(new Conv(f[0], c.outputChannels(), 1, 1)).add(Activation.SIGMOID);
        return new Net("unet", net, c.inputDepth(), c.outputChannels(), 1 << (levels - 1));
    }

    /** Two 3×3 conv + [BN] + ReLU (the authors' unetConv2). */
    private static Sequential stage(String name, int in, int out, boolean norm) {
        Sequential s = new Sequential(name);
        for (int k = 0; k < 2; k++) {
            s.add(new Conv(k == 0 ? in : out, out, 3, 1));
            if (norm) {
                s.add(new BatchNorm(out));
            }
            s.add(Activation.RELU);
        }
        return s;
    }
}
