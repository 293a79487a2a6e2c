package dip.engine;

import org.junit.jupiter.api.Assumptions;

/** JUnit assumptions on the CPU: a test that needs an instruction set says so, and prints why it was skipped. */
public final class Hardware {
    private Hardware() {}

    /** Skips the calling test, with the reason printed, unless this CPU computes in {@code p} in hardware. */
    public static void assumeComputes(Precision p) {
        if (p == Precision.BF16 && !Cpu.hasNativeBf16()) {
            String why = "needs bf16 instructions (AMX-BF16 or AVX512-BF16); this CPU has " + Cpu.instructionSet()
                    + ", where bf16 would only be emulated";
            System.err.println("skipped: " + Thread.currentThread().getStackTrace()[2].getMethodName() + ": " + why);
            Assumptions.abort(why);
        }
    }

    /** Runs {@code body} with dip taking this CPU for {@code isa} ({@value Cpu#ISA_PROPERTY}), then restores the property. */
    public static void withIsa(String isa, Runnable body) {
        String before = System.getProperty(Cpu.ISA_PROPERTY);
        System.setProperty(Cpu.ISA_PROPERTY, isa);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(Cpu.ISA_PROPERTY);
            } else {
                System.setProperty(Cpu.ISA_PROPERTY, before);
            }
        }
    }
}
