package dip.app;

import dip.engine.Precision;
import picocli.CommandLine.Option;

/** --precision: the number format a net computes in; bf16 where the CPU has bf16 instructions, else fp32. */
public final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "P", defaultValue = "auto",
            description = "Number format of the net: fp32, or bf16 (activations and convolutions in bfloat16; weights, "
                    + "optimiser and loss in fp32; 1.3-2.6x faster on AVX512-BF16 (AMD Zen 5), the same PSNR on denoising, "
                    + "0.27 dB lower on x4 super-resolution (two images), see docs/PERFORMANCE.md); "
                    + "auto = bf16 on a CPU with bf16 instructions, fp32 elsewhere (default: ${DEFAULT-VALUE}).")
    String value;

    private Precision resolved;

    /** The precision to compute in ({@link Precision#resolve}): bf16 asked for on a CPU without bf16 instructions falls back to fp32 with a note. */
    public Precision resolve() {
        if (resolved == null) {
            resolved = resolveNow();
        }
        return resolved;
    }

    private Precision resolveNow() {
        try {
            return Precision.resolve(value, note -> System.err.println("dip: note: " + note));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--precision must be auto, fp32 or bf16, got '" + value + "'");
        }
    }
}
