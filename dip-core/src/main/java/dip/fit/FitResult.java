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
 */
public record FitResult(Image output, Image average, int iterations, int backtracks, double seconds, boolean stopped,
                        int outputIteration, boolean autoStopped) {}
