package dip.web;

/** A request the server refuses: an HTTP status and a one-line message for the page (sent as {@code {"error": ...}}). */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() { return status; }
}
