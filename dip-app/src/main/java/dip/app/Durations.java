package dip.app;

/** Durations as the front-ends print them: minutes and seconds ({@code 3m07s}), or hours and minutes ({@code 2h05m}). */
public final class Durations {
    private Durations() {}

    /** {@code seconds}, rounded to the second, as {@code 0m42s} or {@code 1h03m}. */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
