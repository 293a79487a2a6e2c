package dip.tile;

/**
 * A tile store cannot be used: it belongs to another run (other plan, seed or settings), it is missing or damaged,
 * or a file in it cannot be read or written. The message is one user-facing line that names the folder or file.
 */
public class TileStoreException extends RuntimeException {
    public TileStoreException(String message) {
        super(message);
    }

    public TileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
