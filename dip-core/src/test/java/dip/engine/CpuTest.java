package dip.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What dip takes the CPU for: oneDNN's ISA cap read like oneDNN reads it, and the property that overrides both. */
class CpuTest {
    @Test
    void oneDnnIsaNamesCapTheInstructionSet() {
        assertEquals(Optional.of("AVX2"), Cpu.capOf("AVX2"));
        assertEquals(Optional.of("AVX2"), Cpu.capOf("avx2_vnni"));
        assertEquals(Optional.of("AVX-512"), Cpu.capOf("AVX512_CORE"));
        assertEquals(Optional.of("AVX-512"), Cpu.capOf("AVX512_CORE_VNNI"));
        assertEquals(Optional.of("AVX512-BF16"), Cpu.capOf("AVX512_CORE_BF16"));
        assertEquals(Optional.of("AMX-BF16"), Cpu.capOf("AVX512_CORE_AMX"));
        assertEquals(Optional.of("SSE"), Cpu.capOf("SSE41"));
        assertEquals(Optional.empty(), Cpu.capOf("ALL"));
        assertEquals(Optional.empty(), Cpu.capOf(null));
    }

    @Test
    void thePropertyOverridesWhatTheCpuSays() {
        Hardware.withIsa("avx2", () -> {
            assertEquals("AVX2", Cpu.instructionSet());
            assertFalse(Cpu.hasNativeBf16());
            assertEquals(Precision.FP32, Precision.auto());
        });
        Hardware.withIsa("AVX512-BF16", () -> {
            assertTrue(Cpu.hasNativeBf16());
            assertEquals(Precision.BF16, Precision.auto());
        });
        Hardware.withIsa("AVX3", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Cpu::instructionSet);
            assertTrue(e.getMessage().contains("dip.cpu.isa"), e.getMessage());
        });
    }

    @Test
    void regNoiseIsPrintedAsPeopleWriteIt() {
        assertEquals("1/30", dip.prior.DeepPrior.regNoiseLabel(1.0 / 30));
        assertEquals("0.03", dip.prior.DeepPrior.regNoiseLabel(0.03));
        assertEquals("0.05", dip.prior.DeepPrior.regNoiseLabel(0.05));
        assertEquals("0", dip.prior.DeepPrior.regNoiseLabel(0));
        assertEquals("0.0333", dip.prior.DeepPrior.regNoiseLabel(0.033333));
    }
}
