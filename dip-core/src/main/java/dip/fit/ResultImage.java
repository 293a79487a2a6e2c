package dip.fit;

import java.util.Locale;

/**
 * Which image a restoration delivers: {@link #OUTPUT}, the net's output at the end (or at the automatic stop's
 * minimum), as the paper reports; or {@link #AVERAGE}, the exponential average of the outputs, which is the better
 * image where the outputs keep moving around the image until the end (inpainting at a constant learning rate).
 */
public enum ResultImage {
    OUTPUT, AVERAGE;

    /** The name on the command line and in provenance: "output" or "average". */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    /** The result called {@code key}; an {@link IllegalArgumentException} naming the valid ones otherwise. */
    public static ResultImage byKey(String key) {
        for (ResultImage r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown result '" + key + "'; choose output or average");
    }
}
