package dip.image;

/**
 * An output image could not be written. Unchecked, like {@link ImageReadException}; the message is a
 * single user-facing line that names the file, e.g. "cannot write out/a.png: directory out does not exist".
 */
public class ImageWriteException extends RuntimeException {
    public ImageWriteException(String message) {
        super(message);
    }

    public ImageWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
