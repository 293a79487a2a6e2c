package dip.fit;

import dip.image.Image;

/**
 * The outcome of a fit.
 *
 * @param output      the output of the last iteration
 * @param average     the exponential average of the outputs
 * @param iterations  iterations actually run (fewer than asked if stopped)
 * @param backtracks  how often the weights were rolled back
 * @param seconds     wall time of the loop
 * @param stopped     true when a stop was requested before the last iteration
 * @param outputIteration the iteration {@link #output()} comes from (the variance minimum with auto-stop)
 * @param autoStopped true when the variance rule ended the fit
 * @param endedWithStateOf when the fit diverged and did not come back: the iteration of the best state it ended
 *                        with (output and average are that iteration's); 0 otherwise
 * @param fp32From    the first iteration a bf16 fit computed in fp32 after diverging twice; 0 when it never switched
 */
public record FitResult(Image output, Image average, int iterations, int backtracks, double seconds, boolean stopped,
                        int outputIteration, boolean autoStopped, int endedWithStateOf, int fp32From) {
    /** True when the fit diverged, did not recover, and ended with its best state. */
    public boolean divergedEnd() { return endedWithStateOf > 0; }

    /** This result delivering {@code r}: as it is for the output; for the average, the average in the output's place. */
    public FitResult delivering(ResultImage r) {
        return r == ResultImage.OUTPUT ? this : new FitResult(average, average, iterations, backtracks, seconds, stopped,
                outputIteration, autoStopped, endedWithStateOf, fp32From);
    }
}
