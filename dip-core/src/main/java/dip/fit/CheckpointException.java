package dip.fit;

/** A checkpoint could not be written (writing = true) or used to resume (writing = false). */
public class CheckpointException extends RuntimeException {
    private final boolean writing;

    public CheckpointException(String message, boolean writing) {
        super(message);
        this.writing = writing;
    }

    public boolean writing() { return writing; }
}
