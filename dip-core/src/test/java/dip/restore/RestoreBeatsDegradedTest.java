package dip.restore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.fit.FitListener;
import dip.image.Image;
import dip.metric.Psnr;
import dip.task.SuperResolve;
import dip.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BoofCV's generic test: every task with every prior, on a seeded 32×32 scene, restores an image closer to the
 * ground truth than the degraded input is (the input brought to the output size: nearest-neighbour for SR, holes
 * left at 0 for inpainting). A tiny net and a few hundred iterations keep the whole matrix to seconds.
 */
class RestoreBeatsDegradedTest {
    private static final int SIZE = 32;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String task : List.of("denoise", "super-resolve", "restore-pixels", "inpaint")) {
            for (PriorKind prior : PriorKind.values()) {
                out.add(Arguments.of(task, prior));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} with prior {1}")
    @MethodSource("cases")
    void theRestorationBeatsTheDegradedInput(String task, PriorKind prior) {
        Image clean = Tiny.scene(3, SIZE, 7);
        TaskSpec spec = switch (task) {
            case "denoise" -> TaskSpec.denoise(clean).withAddedNoise(25 / 255.0);
            case "super-resolve" -> TaskSpec.superResolve(SuperResolve.simulate(clean, 2), 2);
            case "restore-pixels" -> TaskSpec.dropPixels(clean, 0.5);
            default -> TaskSpec.inpaint(dip.task.Inpaint.simulate(clean, box()), box());
        };
        RestoreConfig config = RestoreConfig.builder(spec).prior(prior).iterations(prior == PriorKind.DIP ? 400 : 100).lr(0.01)
                .net(Tiny.NET).threads(1).seed(3).stop(StopRule.fixed()).build();
        Image restored;
        try (Restorer r = new Restorer(config)) {
            restored = r.run(FitListener.NONE).average(); // what --output-average writes, usually the better one
        }
        Image degraded = atOutputSize(spec, spec.observation(config.seed()));
        double before = Psnr.psnr(degraded, clean);
        double after = Psnr.psnr(restored.clamped(), clean);
        if (task.equals("denoise") && prior == PriorKind.NONE) {
            // "No prior" has nothing that tells noise from image: it keeps the noisy input, no worse.
            assertTrue(after > before - 0.05, task + "/" + prior + ": " + after + " dB vs input " + before + " dB");
        } else {
            assertTrue(after > before + 0.5, task + "/" + prior + ": " + after + " dB vs input " + before + " dB");
        }
    }

    /** A 1-channel mask with a 8×8 hole in the middle. */
    private static Image box() {
        Image m = Image.zeros(1, SIZE, SIZE);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean hole = y >= 12 && y < 20 && x >= 12 && x < 20;
                m.set(0, y, x, hole ? 0f : 1f);
            }
        }
        return m;
    }

    /** The observation at the output size: nearest-neighbour upscaling for SR, as it is otherwise. */
    private static Image atOutputSize(TaskSpec spec, Image obs) {
        if (spec.factor() == 1) {
            return obs;
        }
        int f = spec.factor();
        Image up = Image.zeros(obs.channels(), obs.height() * f, obs.width() * f);
        for (int c = 0; c < obs.channels(); c++) {
            for (int y = 0; y < up.height(); y++) {
                for (int x = 0; x < up.width(); x++) {
                    up.set(c, y, x, obs.get(c, y / f, x / f));
                }
            }
        }
        return up;
    }
}
