package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.PrecisionOption;
import dip.engine.Cpu;
import dip.engine.Engine;
import dip.engine.Precision;
import dip.image.ImageFiles;
import dip.net.Net;
import dip.net.SkipConfig;
import dip.net.SkipNet;
import dip.prior.DeepPrior;
import dip.prior.NetInput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The library and the CLI compute in the same precision on the same CPU, and the start line says which. */
class PrecisionChoiceTest {
    @TempDir
    Path dir;

    private static Precision cli(String value) {
        PrecisionOption o = new PrecisionOption();
        new CommandLine(o).parseArgs("--precision", value);
        return o.resolve();
    }

    /** Every CPU kind, imitated with -Ddip.cpu.isa: nothing is computed, only chosen. */
    @ParameterizedTest(name = "{0}: auto is {1}")
    @CsvSource({"SSE,fp32", "AVX2,fp32", "AVX-512,fp32", "AVX512-BF16,bf16", "AMX-BF16,bf16"})
    void theLibraryAndTheCliPickTheSamePrecision(String isa, String expected) {
        String before = System.getProperty(Cpu.ISA_PROPERTY);
        System.setProperty(Cpu.ISA_PROPERTY, isa);
        try {
            Engine.init(1);
            Engine.seed(0);
            int[] c = {8, 8};
            Net net = SkipNet.build(SkipConfig.defaults(32, 3).withChannels(c, c, new int[] {2, 2}));
            Precision library = new DeepPrior(net, NetInput.NOISE, 0, 16, 16).precision();
            assertEquals(Precision.parse(expected), library);
            assertEquals(library, cli("auto"));
            assertEquals(library, Precision.auto());
            // An explicit bf16: the CLI falls back to what auto gives (with a note); the library refuses emulated bf16.
            assertEquals(library, cli("bf16"));
            if (library == Precision.FP32) {
                assertThrows(IllegalArgumentException.class, () -> new DeepPrior(net, NetInput.NOISE, 0, 16, 16, Precision.BF16));
            }
            assertEquals(Precision.FP32, cli("fp32"));
        } finally {
            if (before == null) {
                System.clearProperty(Cpu.ISA_PROPERTY);
            } else {
                System.setProperty(Cpu.ISA_PROPERTY, before);
            }
        }
    }

    @Test
    void theStartLineNamesThePrecisionAndTheInstructionSet() {
        Path in = dir.resolve("in.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(0, 0, 16, 16), in, 8);
        CliRun r = CliRun.of("denoise", in.toString(), "-o", dir.resolve("out.png").toString(), "--iterations", "2",
                "--threads", "1", "--channels-down", "8,8", "--channels-skip", "2,2");
        assertEquals(0, r.exitCode(), r.err());
        String expected = Precision.auto().label() + " on " + Cpu.instructionSet() + ", 1 threads";
        assertTrue(r.err().contains(expected), "no '" + expected + "' in: " + r.err());
        assertTrue(r.err().contains("reg noise 1/30)"), r.err());
    }
}
