package dip.cli;

import dip.app.ExitCode;
import dip.app.FitReport;
import dip.app.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any long fit starts, that outputs can be written and will not clobber an input. */
final class OutputPaths {
    private OutputPaths() {}

    static void checkImage(Path out, boolean force, Path... inputs) {
        if (!out.getFileName().toString().toLowerCase().endsWith(".png")) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + out + ": only PNG output is supported (name must end in .png)");
        }
        checkFile(out, force, inputs);
    }

    /** --report DIR: the page may be written (folder creatable, no page to clobber unless forced). */
    static void checkReport(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(ExitCode.OUTPUT, "cannot write the report to " + dir + ": it is a file, not a directory");
        }
        if (!Files.exists(dir)) {
            checkDirectory(parentOf(dir), dir);
        } else {
            checkFile(dir.resolve(FitReport.PAGE), force);
        }
    }

    static void checkNotOverwritten(Path out, Path input) {
        if (sameFile(input, out)) {
            throw new UserError(ExitCode.OUTPUT, "refusing to write " + out + ": it is an input file (choose another output)");
        }
    }

    /** An output file: not an input (even with --force), not a directory, not existing unless forced, in a writable folder. */
    static void checkFile(Path out, boolean force, Path... inputs) {
        for (Path in : inputs) {
            if (in != null && sameFile(in, out)) {
                throw new UserError(ExitCode.OUTPUT, "refusing to write " + out + ": it is the input file (choose another output)");
            }
        }
        if (Files.isDirectory(out)) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + out + ": it is a directory");
        }
        if (!force && Files.exists(out)) {
            throw new UserError(ExitCode.OUTPUT, "refusing to overwrite " + out + ": it exists (add --force to replace it)");
        }
        checkDirectory(parentOf(out), out);
    }

    static void checkDirectory(Path dir, Path forWhat) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + forWhat + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + forWhat + ": directory " + dir + " is not writable");
        }
    }

    static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the textual comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
