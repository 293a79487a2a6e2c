package dip.engine;

/** libtorch's error messages carry a C++ stack trace after the first line; users need only that line. */
public final class NativeErrors {
    private NativeErrors() {}

    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
