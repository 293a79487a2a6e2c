package dip.cli;

import dip.app.ExitCode;
import dip.app.NetOptions;
import dip.app.UserError;
import dip.engine.Engine;
import dip.net.Net;
import dip.net.NetPresets;
import dip.restore.NetSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a net's layers and parameter count. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "Print the layers of a generator net and its parameter count (last line).")
public final class NetCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "skip", paramLabel = "NAME",
            description = "skip, encoder-decoder, unet, resnet, or a preset: jpeg, text-inpainting, large-hole, library (default: ${DEFAULT-VALUE}).")
    String name;

    @Mixin
    NetOptions shape;

    @Option(names = "--output-channels", defaultValue = "3", description = "Output channels (default: ${DEFAULT-VALUE}).")
    int outputChannels;

    @Option(names = "--size", description = "Also print the forward cost in GMAC for a SIZE×SIZE input.")
    Integer size;

    @Override
    public Integer call() {
        if (!NetPresets.names().contains(name)) {
            throw new UserError(ExitCode.USAGE, "unknown net '" + name + "'; choose one of " + String.join(", ", NetPresets.names()));
        }
        Engine.init(1);
        Engine.seed(0);
        NetSpec spec = shape.spec(name);
        Net n = spec.build(outputChannels);
        if (size != null) {
            System.out.printf("forward at %dx%d: %.2f GMAC, %.0f MiB of activations%n", size, size,
                    n.forwardMacs(size, size) / 1e9, n.activationElements(size, size) * 4.0 / (1 << 20));
        }
        System.out.println(n.summary());
        return ExitCode.OK;
    }
}
