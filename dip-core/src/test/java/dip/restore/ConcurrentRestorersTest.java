package dip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dip.fit.FitListener;
import dip.image.Image;
import dip.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several restorations in one JVM at once (the task slots of a Spark executor): each draws its weights, z and
 * perturbations from its own seeded generator, so each ends bit for bit as it does alone.
 */
class ConcurrentRestorersTest {
    private static float[] restore(long seed, Image noisy) {
        RestoreConfig config = RestoreConfig.builder(TaskSpec.denoise(noisy)).net(Tiny.NET).iterations(12).seed(seed)
                .threads(1).stop(StopRule.fixed()).build();
        try (Restorer r = new Restorer(config)) {
            return r.run(FitListener.NONE).output().data();
        }
    }

    @Test
    void fitsRunningTogetherGiveWhatEachGivesAlone() throws Exception {
        Image[] images = {Tiny.scene(3, 16, 1), Tiny.scene(3, 16, 2), Tiny.scene(3, 16, 3), Tiny.scene(3, 16, 4)};
        float[][] alone = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            alone[i] = restore(10 + i, images[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(images.length);
        try {
            List<Future<float[]>> together = new ArrayList<>();
            for (int i = 0; i < images.length; i++) {
                int k = i;
                together.add(pool.submit(() -> restore(10 + k, images[k])));
            }
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(alone[i], together.get(i).get(), "image " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
