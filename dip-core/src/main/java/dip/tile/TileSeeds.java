package dip.tile;

/**
 * Per-tile seeds, so a tiled run is repeatable and each tile's net, input z and perturbations are its own.
 *
 * <p>{@code seedFor(s, t) = splitmix64(s ^ splitmix64(p))} with {@code p = (row << 32) | col}, where
 * {@code splitmix64(x)} is the SplitMix64 output for state x, i.e. exactly {@code new SplittableRandom(x).nextLong()}
 * (Steele, Lea, Flood 2014; written out here so the seeds cannot change with the JVM). Both steps are bijections, so
 * the tiles of one run always get distinct seeds, and hashing the position first keeps neighbouring run seeds
 * (0, 1, 2...) from sharing tile seeds in practice. The seed depends on the tile's row and column only: the plan
 * (and so which tile sits where) is pinned by the tile store's manifest.
 */
public final class TileSeeds {
    private TileSeeds() {}

    /** The seed for the tile of a run seeded runSeed. */
    public static long seedFor(long runSeed, Tile tile) {
        long position = ((long) tile.row() << 32) | (tile.col() & 0xffffffffL);
        return splitmix64(runSeed ^ splitmix64(position));
    }

    /** SplitMix64's output for the given state: {@code new SplittableRandom(state).nextLong()}. */
    static long splitmix64(long state) {
        long z = state + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
