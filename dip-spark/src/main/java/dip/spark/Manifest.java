package dip.spark;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * OUTDIR/manifest.csv: a header line ({@link Row#COLUMNS}) and one line per unit, in the order of the inputs
 * (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; the provenance JSON is one line).
 */
final class Manifest {
    static final String FILE = "manifest.csv";

    private Manifest() {}

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, Row.COLUMNS);
        rows.forEach(r -> line(sb, r.values()));
        return sb.toString();
    }

    static void write(String outDir, List<Row> rows, Configuration conf) throws IOException {
        HadoopFiles.writeString(outDir + "/" + FILE, csv(rows), conf);
    }

    private static void line(StringBuilder sb, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(values.get(i)));
        }
        sb.append('\n');
    }

    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
