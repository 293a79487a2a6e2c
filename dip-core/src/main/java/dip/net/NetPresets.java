package dip.net;

import java.util.List;

/**
 * Named generators: the default skip hourglass, the paper's comparison architectures and the
 * per-task variants of DIP.md ("Default generator"). Settings follow the authors' notebooks.
 *
 * <p>Three presets prescribe their input and ignore the requested input depth: "jpeg" (3 noise
 * channels), "large-hole" (a 2-channel meshgrid, see {@link #meshgridInput}) and "library" (1 noise
 * channel). Always build z with {@link Net#inputDepth()} of the returned net.
 *
 * <p>Reflection padding needs every conv input to be larger than its padding, so the smallest usable
 * size can exceed {@link Net#sizeMultiple()}: 2× the multiple for the 5-level skip presets (64),
 * 2× for "unet" (32), 3× for "library" (192, because of its 5×5 convs at 1/64 scale).
 */
public final class NetPresets {
    private NetPresets() {}

    private static final List<String> NAMES = List.of(
            "skip", "skip-64", "encoder-decoder", "unet", "resnet", "jpeg", "text-inpainting", "large-hole", "library");

    /** Input depth the "jpeg" preset uses (the snail example: z has 3 channels). */
    public static final int JPEG_INPUT_DEPTH = 3;
    /** Input depth of the meshgrid input ("large-hole"): x and y coordinates. */
    public static final int MESHGRID_INPUT_DEPTH = 2;
    /** Input depth the "library" preset uses (the authors' notebook: 1 noise channel). */
    public static final int LIBRARY_INPUT_DEPTH = 1;

    /** The valid preset names, in a fixed order. */
    public static List<String> names() { return NAMES; }

    /**
     * The preset called {@code name}, named so in {@link Net#name()}.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static Net byName(String name, int inputDepth, int outputChannels) {
        return switch (name) {
            case "skip", "skip-64" -> named(name, SkipNet.build(skipConfig(name, inputDepth, outputChannels)));
            case "encoder-decoder" -> encoderDecoder(inputDepth, outputChannels);
            case "unet" -> unet(inputDepth, outputChannels);
            case "resnet" -> resnet(inputDepth, outputChannels);
            case "jpeg" -> jpeg(outputChannels);
            case "text-inpainting" -> textInpainting(inputDepth, outputChannels);
            case "large-hole" -> largeHole(outputChannels);
            case "library" -> library(outputChannels);
            default -> throw new IllegalArgumentException(
                    "unknown net '" + name + "'; valid names: " + String.join(", ", NAMES));
        };
    }

    /** Whether the preset expects the 2-channel meshgrid input rather than noise. */
    public static boolean meshgridInput(String name) { return "large-hole".equals(name); }

    /**
     * The skip hourglass of a skip preset: "skip" (the paper's: 5 levels of 128 channels) or "skip-64" (the same
     * with 64 channels per level, about a quarter of the multiply-adds: the net of the fast denoising recipe); null
     * for a preset that is not a plain skip hourglass.
     */
    public static SkipConfig skipConfig(String name, int inputDepth, int outputChannels) {
        SkipConfig paper = SkipConfig.defaults(inputDepth, outputChannels);
        return switch (name) {
            case "skip" -> paper;
            case "skip-64" -> {
                int[] c64 = {64, 64, 64, 64, 64};
                yield paper.withChannels(c64, c64, paper.skip());
            }
            default -> null;
        };
    }

    /** The paper's default: 5 levels of 128, ns = 4, bilinear (2,217,831 parameters for 32→3). */
    public static Net skip(int inputDepth, int outputChannels) {
        return SkipNet.build(SkipConfig.defaults(inputDepth, outputChannels));
    }

    /** "Encoder-decoder without skips": the default hourglass with ns = 0 at every level. */
    public static Net encoderDecoder(int inputDepth, int outputChannels) {
        SkipConfig d = SkipConfig.defaults(inputDepth, outputChannels);
        return named("encoder-decoder", SkipNet.build(d.withChannels(d.down(), d.up(), new int[5])));
    }

    /** U-Net, depth 5, filters [16,32,64,128,256] (see {@link UNet}). */
    public static Net unet(int inputDepth, int outputChannels) {
        return UNet.build(UNetConfig.defaults(inputDepth, outputChannels));
    }

    /** ResNet, 8 blocks of 32 channels (see {@link ResNet}). */
    public static Net resnet(int inputDepth, int outputChannels) {
        return ResNet.build(ResNetConfig.defaults(inputDepth, outputChannels));
    }

    /** JPEG artefact removal (snail): 3 input channels, nd = nu = [8,16,32,64,128], ns = [0,0,0,4,4]. */
    public static Net jpeg(int outputChannels) {
        int[] c = {8, 16, 32, 64, 128};
        SkipConfig cfg = SkipConfig.defaults(JPEG_INPUT_DEPTH, outputChannels).withChannels(c, c, new int[] {0, 0, 0, 4, 4});
        return named("jpeg", SkipNet.build(cfg));
    }

    /** Text inpainting (kate, peppers): ns = [128]*5 and nearest upsampling. */
    public static Net textInpainting(int inputDepth, int outputChannels) {
        SkipConfig d = SkipConfig.defaults(inputDepth, outputChannels);
        SkipConfig cfg = d.withChannels(d.down(), d.up(), new int[] {128, 128, 128, 128, 128})
                .withModes(SkipConfig.UpMode.NEAREST, SkipConfig.DownMode.STRIDE);
        return named("text-inpainting", SkipNet.build(cfg));
    }

    /** Large-hole inpainting (vase): meshgrid input (depth 2), ns = 0, nearest upsampling as in the notebook. */
    public static Net largeHole(int outputChannels) {
        SkipConfig d = SkipConfig.defaults(MESHGRID_INPUT_DEPTH, outputChannels);
        SkipConfig cfg = d.withChannels(d.down(), d.up(), new int[5])
                .withModes(SkipConfig.UpMode.NEAREST, SkipConfig.DownMode.STRIDE);
        return named("large-hole", SkipNet.build(cfg));
    }

    /**
     * Library inpainting ('skip_depth6' in the authors' notebook): 1 input channel, 6 levels,
     * nd = nu = [16,32,64,128,128,128], ns = 0, 5×5 down and 3×3 up convs, nearest upsampling,
     * no 1×1 up conv. (The notebook also perturbs the weights and uses no input noise; that is the
     * optimiser's business, not the net's.)
     */
    public static Net library(int outputChannels) {
        int[] c = {16, 32, 64, 128, 128, 128};
        SkipConfig cfg = SkipConfig.defaults(LIBRARY_INPUT_DEPTH, outputChannels).withChannels(c, c, new int[6])
                .withKernels(5, 3, 1).withModes(SkipConfig.UpMode.NEAREST, SkipConfig.DownMode.STRIDE)
                .withOneByOneUp(false);
        return named("library", SkipNet.build(cfg));
    }

    private static Net named(String name, Net n) {
        return new Net(name, n.body(), n.inputDepth(), n.outputChannels(), n.sizeMultiple());
    }
}
