package dip.tile;

import dip.image.Image;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TileStore} was made for: the plan (input size, tile, overlap, scale), the input's channels, the
 * run's seed and a settings string chosen by the caller (typically {@link #hashOf} of the task, recipe, net,
 * precision, threads and the input's pixels). A store is resumed only by a run whose manifest is equal, so tiles
 * restored with other settings are never mixed into one image.
 *
 * <p>Stored as text, one {@code key=value} a line after a {@code dip-tiles 1} header.
 */
public record TileManifest(int height, int width, int channels, int tile, int overlap, int scale, long seed,
                           String settings) {
    static final String HEADER = "dip-tiles 1";

    public TileManifest {
        if (settings == null) {
            settings = "";
        }
        if (settings.indexOf('\n') >= 0 || settings.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("tile store settings must be one line");
        }
    }

    public static TileManifest of(TilePlan plan, int channels, long seed, String settings) {
        return new TileManifest(plan.height(), plan.width(), channels, plan.tileSize(), plan.overlap(), plan.scale(),
                seed, settings);
    }

    public TilePlan plan() {
        return TilePlan.of(height, width, tile, overlap, scale);
    }

    /**
     * A short hex digest (SHA-256, first 16 bytes) of a settings description and the pixels of the given images
     * (shape and float bits), for the settings field.
     */
    public static String hashOf(String settings, Image... images) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(settings.getBytes(StandardCharsets.UTF_8));
            for (Image img : images) {
                sha.update((byte) 0);
                sha.update(img.shape().getBytes(StandardCharsets.UTF_8));
                ByteBuffer buf = ByteBuffer.allocate(img.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(img.data());
                sha.update(buf);
            }
            byte[] digest = sha.digest();
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String toText() {
        return HEADER + "\nheight=" + height + "\nwidth=" + width + "\nchannels=" + channels + "\ntile=" + tile
                + "\noverlap=" + overlap + "\nscale=" + scale + "\nseed=" + seed + "\nsettings=" + settings + "\n";
    }

    /** @throws IllegalArgumentException if the text is not a manifest */
    static TileManifest parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("it does not start with '" + HEADER + "'");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                values.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
            }
        }
        try {
            return new TileManifest(intValue(values, "height"), intValue(values, "width"), intValue(values, "channels"),
                    intValue(values, "tile"), intValue(values, "overlap"), intValue(values, "scale"),
                    Long.parseLong(value(values, "seed")), value(values, "settings"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a value is not a number (" + e.getMessage() + ")");
        }
    }

    private static String value(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return v;
    }

    private static int intValue(Map<String, String> values, String key) {
        return Integer.parseInt(value(values, key));
    }

    /** What differs from another manifest, e.g. ["tile 256 there, 128 now", "settings differ"]; empty if equal. */
    List<String> differencesFrom(TileManifest now) {
        List<String> d = new ArrayList<>();
        if (height != now.height || width != now.width || channels != now.channels) {
            d.add("input " + channels + "x" + height + "x" + width + " there, " + now.channels + "x" + now.height + "x"
                    + now.width + " now");
        }
        differ(d, "tile", tile, now.tile);
        differ(d, "overlap", overlap, now.overlap);
        differ(d, "scale", scale, now.scale);
        differ(d, "seed", seed, now.seed);
        if (!settings.equals(now.settings)) {
            d.add("settings differ");
        }
        return d;
    }

    private static void differ(List<String> d, String name, long there, long now) {
        if (there != now) {
            d.add(name + " " + there + " there, " + now + " now");
        }
    }
}
