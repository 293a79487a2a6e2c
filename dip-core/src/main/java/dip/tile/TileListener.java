package dip.tile;

/**
 * Follows a {@link TiledRestoration}: one call per event, never two at once. One tile at a time, the calls come in the
 * plan's order; with several tiles at once, a tile may start before an earlier one finishes, and tiles finish in any
 * order. All methods default to nothing.
 */
public interface TileListener {
    TileListener NONE = new TileListener() {};

    /** Before the first tile; alreadyDone tiles were finished by an earlier run and will be loaded, not restored. */
    default void started(TilePlan plan, int alreadyDone) {}

    /** A tile finished by an earlier run was loaded from the store. */
    default void tileSkipped(Tile tile, int count) {}

    /** A tile's restoration is about to start. */
    default void tileStarted(TileInput input) {}

    /** A tile was restored and saved. */
    default void tileFinished(TileProgress progress) {}
}
