package dip.restore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Owner;
import dip.fit.FitListener;
import dip.task.TaskSpec;
import org.junit.jupiter.api.Test;

/**
 * Repeated restorations in one JVM keep native memory flat: each Restorer frees its net, z, task tensors and
 * optimiser when it closes, without the garbage collector (JavaCPP's Pointer.physicalBytes() is the process's
 * RSS, Pointer.totalBytes() what JavaCPP's deallocators track).
 */
class RestorerMemoryTest {
    private static final int RUNS = 20;

    @Test
    void repeatedRestorationsDoNotGrowNativeMemory() {
        // The paper's net (2.2 M parameters: weights, gradients and Adam's moments are ~35 MB a run, what leaked
        // per run when they were left to the collector) on a small image, so the runs are quick.
        RestoreConfig config = RestoreConfig.builder(TaskSpec.denoise(Tiny.scene(3, 32, 0))).iterations(2)
                .threads(1).stop(StopRule.auto(2, 1)).build();
        long[] rss = new long[RUNS];
        long[] tracked = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            try (Restorer r = new Restorer(config)) {
                r.run(FitListener.NONE);
            }
            rss[i] = Owner.residentBytes();
            tracked[i] = Owner.trackedBytes();
        }
        int warm = 5; // allocator pools and the JIT settle during the first runs
        long rssGrowth = rss[RUNS - 1] - rss[warm];
        long trackedGrowth = tracked[RUNS - 1] - tracked[warm];
        System.out.printf("RestorerMemoryTest: RSS after run %d %.1f MiB, after run %d %.1f MiB (%+.1f MiB); "
                        + "JavaCPP-tracked bytes %d -> %d%n", warm + 1, rss[warm] / 1048576.0, RUNS,
                rss[RUNS - 1] / 1048576.0, rssGrowth / 1048576.0, tracked[warm], tracked[RUNS - 1]);
        assertTrue(trackedGrowth <= 16 << 10, "JavaCPP-tracked native bytes grew by " + trackedGrowth);
        assertTrue(rssGrowth < 24L << 20, "RSS grew by " + rssGrowth / 1048576 + " MiB over " + (RUNS - warm - 1) + " runs");
    }
}
