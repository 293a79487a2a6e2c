package dip.cli;

import dip.engine.Engine;
import dip.net.Net;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a net's layers and parameter count. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "Print the layers of a generator net and its parameter count (last line).")
public final class NetCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "skip", description = "Architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    NetOptions.Arch arch;

    @Mixin
    NetOptions net;

    @Option(names = "--output-channels", defaultValue = "3", description = "Output channels (default: ${DEFAULT-VALUE}).")
    int outputChannels;

    @Option(names = "--size", description = "Also print the forward cost in GMAC for a SIZE×SIZE input.")
    Integer size;

    @Override
    public Integer call() {
        Engine.init(1);
        Engine.seed(0);
        Net n = net.build(arch, outputChannels);
        System.out.println(n.summary());
        if (size != null) {
            System.out.printf("forward at %dx%d: %.2f GMAC%n", size, size, n.forwardMacs(size, size) / 1e9);
        }
        return ExitCode.OK;
    }
}
