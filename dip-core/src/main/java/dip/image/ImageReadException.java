package dip.image;

/**
 * An input image could not be read. Unchecked so callers (and lambdas) need not declare it;
 * the message is a single user-facing line that names the file, e.g. "cannot read a.png: no such file".
 */
public class ImageReadException extends RuntimeException {
    public ImageReadException(String message) {
        super(message);
    }

    public ImageReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
