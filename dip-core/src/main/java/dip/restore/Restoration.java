package dip.restore;

import dip.fit.FitResult;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageWriteException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The result of a {@link Restorer}: the output (the last iteration's, or the one at the automatic stop's minimum; or
 * the running average where the config delivers it, {@link RestoreConfig#result()}), the running average of the outputs
 * (often the better restoration), the fit's counters, and the provenance.
 * Plain Java objects: nothing native, usable after the restorer is closed.
 *
 * @param output     the restored image: the config's result
 * @param average    the exponential average of the outputs
 * @param fit        iterations, roll-backs, wall time, how it stopped
 * @param provenance what produced it
 */
public record Restoration(Image output, Image average, FitResult fit, Provenance provenance) {
    /** Whether the fit was stopped early by {@link Restorer#requestStop()}. */
    public boolean stopped() { return fit.stopped(); }

    /** The output as an 8-bit {@link BufferedImage}. */
    public BufferedImage outputImage() { return ImageFiles.toBufferedImage(output, 8); }

    /** The average as an 8-bit {@link BufferedImage}. */
    public BufferedImage averageImage() { return ImageFiles.toBufferedImage(average, 8); }

    /**
     * Writes the output to {@code png} and its provenance to the JSON file beside it ({@link Provenance#besideImage}),
     * both atomically; returns the JSON file.
     * @throws ImageWriteException when either cannot be written
     */
    public Path writeOutput(Path png, int bitDepth) { return write(output, delivered(), png, bitDepth); }

    /** As {@link #writeOutput}, for the average. */
    public Path writeAverage(Path png, int bitDepth) { return write(average, "average", png, bitDepth); }

    /** Writes {@code which} ("output" or "average") as {@link #writeOutput} does. */
    public Path write(String which, Path png, int bitDepth) {
        return switch (which) {
            case "output" -> writeOutput(png, bitDepth);
            case "average" -> writeAverage(png, bitDepth);
            default -> throw new IllegalArgumentException("no image '" + which + "' (output or average)");
        };
    }

    /** Which image {@link #output} is, as the provenance names it: "output", or "average" where the config delivers it. */
    private String delivered() {
        return provenance.settings() == null ? "output" : provenance.settings().resultImage().key();
    }

    private Path write(Image img, String which, Path png, int bitDepth) {
        ImageFiles.write(img, png, bitDepth);
        Path json = Provenance.besideImage(png);
        try {
            provenance.withOutput(new Provenance.Written(png.getFileName().toString(), which, bitDepth)).write(json);
        } catch (IOException e) {
            throw new ImageWriteException("cannot write " + json + ": " + e.getMessage(), e);
        }
        return json;
    }
}
