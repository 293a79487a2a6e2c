package dip.cli;

import dip.engine.Cpu;
import dip.engine.Precision;
import picocli.CommandLine.Option;

/** --precision: the number format a net computes in; fp32 unless bf16 is asked for. */
public final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "P", defaultValue = "auto",
            description = "Number format of the net: fp32, or bf16 (activations and convolutions in bfloat16; weights, "
                    + "optimiser and loss in fp32; 1.7-2.6x faster on CPUs with AVX512-BF16 or AMX; experimental: see the "
                    + "README); auto = fp32 for now (default: ${DEFAULT-VALUE}).")
    String value;

    private Precision resolved;

    /** The precision to compute in; bf16 asked for on a CPU without bf16 instructions falls back to fp32 with a note. */
    Precision resolve() {
        if (resolved == null) {
            resolved = resolveNow();
        }
        return resolved;
    }

    private Precision resolveNow() {
        if (value.equalsIgnoreCase("auto")) {
            return Precision.defaultPrecision();
        }
        Precision p;
        try {
            p = Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--precision must be auto, fp32 or bf16, got '" + value + "'");
        }
        if (p == Precision.BF16 && !Cpu.hasNativeBf16()) {
            System.err.println("dip: note: this CPU (" + Cpu.instructionSet() + ") has no bf16 instructions; computing in fp32");
            return Precision.FP32;
        }
        return p;
    }
}
