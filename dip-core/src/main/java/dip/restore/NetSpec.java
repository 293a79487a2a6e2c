package dip.restore;

import dip.net.Net;
import dip.net.NetPresets;
import dip.net.SkipConfig;
import dip.net.SkipNet;
import dip.prior.NetInput;

/**
 * Which generator net the deep image prior uses: a named preset of the paper ({@link NetPresets#names()}), or a
 * skip hourglass of any shape. Plain data; {@link #build} draws the weights. The output channels always come
 * from the task.
 *
 * @param preset     a preset name, or null when {@code skip} is given
 * @param inputDepth channels of z for presets that take it (skip, encoder-decoder, unet, resnet, text-inpainting)
 * @param skip       a custom skip net (its output channels are replaced by the task's), or null
 */
public record NetSpec(String preset, int inputDepth, SkipConfig skip) {
    /** Checks that exactly one of preset and skip is given, and the preset's name. */
    public NetSpec {
        if ((preset == null) == (skip == null)) {
            throw new IllegalArgumentException("a net is a preset name or a skip configuration, not both or neither");
        }
        if (preset != null && !NetPresets.names().contains(preset)) {
            throw new IllegalArgumentException("unknown net '" + preset + "'; choose one of " + String.join(", ", NetPresets.names()));
        }
        if (inputDepth < 1) {
            throw new IllegalArgumentException("the input depth must be positive, got " + inputDepth);
        }
    }

    /** The preset called {@code name} with 32 input channels where the preset takes a depth. */
    public static NetSpec preset(String name) { return new NetSpec(name, 32, null); }

    /** The preset called {@code name} with {@code inputDepth} input channels where the preset takes a depth. */
    public static NetSpec preset(String name, int inputDepth) { return new NetSpec(name, inputDepth, null); }

    /** A skip hourglass of this shape. */
    public static NetSpec skip(SkipConfig config) { return new NetSpec(null, config.inputDepth(), config); }

    /** Builds the net for {@code outputChannels} (draws its weights from the seeded generator). */
    public Net build(int outputChannels) {
        return skip != null ? SkipNet.build(skip.withIo(skip.inputDepth(), outputChannels))
                : NetPresets.byName(preset, inputDepth, outputChannels);
    }

    /** The fixed input this net takes: the meshgrid for the large-hole preset, noise otherwise. */
    public NetInput input() { return preset != null && NetPresets.meshgridInput(preset) ? NetInput.MESHGRID : NetInput.NOISE; }

    /** The preset's name, or "custom skip". */
    public String label() { return preset != null ? preset : "custom skip"; }
}
