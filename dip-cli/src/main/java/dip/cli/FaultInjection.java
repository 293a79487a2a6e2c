package dip.cli;

import dip.engine.Tensor;
import dip.image.Image;
import dip.task.Task;

/**
 * A test hook: with the system property {@code dip.test.nanFrom=N}, the data term turns NaN from its N-th
 * evaluation on, so tests can drive the real CLI through the fit's divergence handling (roll-backs, then the
 * exit code 5 and its message). Does nothing unless the property is set.
 */
final class FaultInjection {
    static final String PROPERTY = "dip.test.nanFrom";

    private FaultInjection() {}

    static Task wrap(Task task) {
        Integer from = Integer.getInteger(PROPERTY);
        if (from == null) {
            return task;
        }
        return new Task() {
            private int calls;

            @Override
            public Tensor dataTerm(Tensor x) {
                Tensor e = task.dataTerm(x);
                return ++calls >= from ? e.times(Double.NaN) : e;
            }

            @Override public Tensor forward(Tensor x) { return task.forward(x); }
            @Override public Image observation() { return task.observation(); }
            @Override public int outputChannels() { return task.outputChannels(); }
            @Override public int outputHeight() { return task.outputHeight(); }
            @Override public int outputWidth() { return task.outputWidth(); }
            @Override public Image initialGuess() { return task.initialGuess(); }
            @Override public String name() { return task.name(); }
        };
    }
}
