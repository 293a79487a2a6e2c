package dip.tile;

/**
 * One tile of a {@link TilePlan}: where it is cut from the input and where its restoration goes in the output.
 *
 * @param index  0-based position in the plan's order (row-major); {@link #number()} is 1-based for messages
 * @param row    0-based tile row
 * @param col    0-based tile column
 * @param input  the rectangle in the input's pixels
 * @param output the rectangle in the output's pixels: {@code input} × the plan's scale
 */
public record Tile(int index, int row, int col, Rect input, Rect output) {

    /**
     * A rectangle of pixels: rows [y, y + height), columns [x, x + width).
     */
    public record Rect(int y, int x, int height, int width) {
        public Rect {
            if (y < 0 || x < 0 || height < 1 || width < 1) {
                throw new IllegalArgumentException("bad rectangle " + height + "x" + width + " at (" + y + "," + x + ")");
            }
        }

        /** This rectangle with every coordinate multiplied by factor. */
        public Rect scaled(int factor) {
            return new Rect(y * factor, x * factor, height * factor, width * factor);
        }

        /** "rows 0–255 × cols 224–479" (inclusive bounds). */
        @Override
        public String toString() {
            return "rows " + y + "–" + (y + height - 1) + " × cols " + x + "–" + (x + width - 1);
        }
    }

    /** 1-based position, as shown to users ("tile 3/12"). */
    public int number() { return index + 1; }

    /** "tile 3/12 (rows 0–255 × cols 224–479)", with the input rectangle. */
    public String describe(int count) {
        return "tile " + number() + "/" + count + " (" + input + ")";
    }
}
