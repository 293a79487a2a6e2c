package dip.tile;

import java.util.List;

/**
 * Some tiles' part of the inpainting mask has no known pixel, so nothing can restore them. Raised before any tile is
 * restored; the message names the tiles (the first few) and the cure (larger tiles).
 */
public class TileMaskException extends IllegalArgumentException {
    private final transient List<Tile> tiles;

    public TileMaskException(List<Tile> tiles, int count) {
        super(message(tiles, count));
        this.tiles = List.copyOf(tiles);
    }

    /** The tiles without a known pixel. */
    public List<Tile> tiles() { return tiles; }

    private static String message(List<Tile> tiles, int count) {
        StringBuilder b = new StringBuilder();
        b.append(tiles.size()).append(" of ").append(count).append(tiles.size() == 1 ? " tile has" : " tiles have")
                .append(" no known pixel in the mask, nothing to restore ").append(tiles.size() == 1 ? "it" : "them")
                .append(" from: ");
        int shown = Math.min(3, tiles.size());
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : ", ").append(tiles.get(i).describe(count));
        }
        if (tiles.size() > shown) {
            b.append(" and ").append(tiles.size() - shown).append(" more");
        }
        return b.append("; use larger tiles").toString();
    }
}
