package dip.net;

/** The ResNet of the paper's architecture comparison (authors' models/resnet.py): blocks × channels. */
public record ResNetConfig(int inputDepth, int outputChannels, int blocks, int channels) {

    public ResNetConfig {
        if (inputDepth < 1 || outputChannels < 1 || channels < 1 || blocks < 0) {
            throw new IllegalArgumentException("input depth, output channels and channels must be positive, blocks >= 0");
        }
    }

    /** 8 residual blocks of 32 channels, as in the inpainting comparison. */
    public static ResNetConfig defaults(int inputDepth, int outputChannels) {
        return new ResNetConfig(inputDepth, outputChannels, 8, 32);
    }
}
