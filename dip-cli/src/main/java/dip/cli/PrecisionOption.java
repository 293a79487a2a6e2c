package dip.cli;

import dip.engine.Cpu;
import dip.engine.Precision;
import picocli.CommandLine.Option;

/** --precision: the number format a net computes in; bf16 where the CPU has it, unless told otherwise. */
public final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "P", defaultValue = "auto",
            description = "Number format of the net: bf16 (activations and convolutions in bfloat16, weights, optimiser and "
                    + "loss in fp32), fp32, or auto = bf16 where the CPU has bf16 instructions (AMX or AVX512-BF16), "
                    + "else fp32 (default: ${DEFAULT-VALUE}).")
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
            return Precision.forThisCpu();
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
