package dip.web;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of a job's folder, by the fixed names the server gives them. A name from a request is only ever
 * compared with these; it never becomes part of a path.
 */
final class JobFiles {
    /** What a finished job offers for download. */
    static final List<String> DOWNLOADS = List.of("output.png", "average.png", "output.json", "average.json", "report.html");
    /** Where the report page goes (FitReport writes {@code index.html} in it). */
    static final String REPORT_DIR = "report";
    /** The mask as the fit used it (uploaded, or painted in the page). */
    static final String MASK = "mask.png";

    private JobFiles() {}

    /** The file behind a download name, or null when the name is not one of {@link #DOWNLOADS}. */
    static Path resolve(Job job, String name) {
        int k = DOWNLOADS.indexOf(name);
        if (k < 0) {
            return null;
        }
        String known = DOWNLOADS.get(k); // the server's own string, equal to the request's
        return known.equals("report.html") ? job.dir().resolve(REPORT_DIR).resolve(dip.app.FitReport.PAGE) : job.dir().resolve(known);
    }

    /** The media type of a download. */
    static String contentType(String name) {
        return name.endsWith(".png") ? "image/png" : name.endsWith(".json") ? "application/json" : "text/html; charset=utf-8";
    }
}
