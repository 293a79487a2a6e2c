package dip.tile;

import java.util.Locale;

/**
 * Where a tiled run stands after a tile was restored.
 *
 * @param tile           the tile just restored
 * @param count          the plan's number of tiles
 * @param restored       tiles restored by this run so far, this one included (tiles loaded from the store not counted)
 * @param toRestore      tiles this run restores in all (the plan's, less those an earlier run finished)
 * @param seconds        this tile's restoration time
 * @param secondsPerTile the mean over the tiles this run restored so far
 * @param etaSeconds     secondsPerTile × the tiles left to restore
 */
public record TileProgress(Tile tile, int count, int restored, int toRestore, double seconds, double secondsPerTile,
                           double etaSeconds) {

    /** Whether this was the run's last tile to restore. */
    public boolean last() { return restored == toRestore; }

    /** "tile 3/12 restored in 41.2 s (2 of 9 to do, 40.8 s per tile, about 4 min 46 s left)". */
    public String describe() {
        return "tile " + tile.number() + "/" + count + " restored in " + String.format(Locale.ROOT, "%.1f s", seconds)
                + " (" + restored + " of " + toRestore + " to do, "
                + String.format(Locale.ROOT, "%.1f s per tile", secondsPerTile)
                + (last() ? ")" : ", about " + duration(etaSeconds) + " left)");
    }

    /** "45 s", "4 min 46 s", "2 h 05 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + " min";
    }
}
