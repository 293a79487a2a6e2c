package dip.restore;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * dip's version (from the jar, filled in by Maven) and git commit. The commit is read at run time with
 * {@code git rev-parse HEAD} in the directory the classes were loaded from, so it is known when dip runs from a
 * checkout and "unknown" otherwise (a source tarball, a jar elsewhere, no git): nothing at build time needs git.
 */
public final class BuildInfo {
    private static String version;
    private static String commit;

    private BuildInfo() {}

    /** dip's version, e.g. "0.1.0-SNAPSHOT", or "unknown". */
    public static synchronized String version() {
        if (version == null) {
            version = "unknown";
            try (InputStream in = BuildInfo.class.getResourceAsStream("/dip/version.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String v = p.getProperty("version", "");
                    if (!v.isBlank() && !v.startsWith("${")) {
                        version = v.trim();
                    }
                }
            } catch (java.io.IOException e) {
                // stays unknown
            }
        }
        return version;
    }

    /** The git commit dip was built from (hex), with "-dirty" when the checkout has changes, or "unknown". */
    public static synchronized String commit() {
        if (commit == null) {
            commit = readCommit();
        }
        return commit;
    }

    private static String readCommit() {
        try {
            Path here = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(here) ? here : here.getParent();
            String head = git(dir, "rev-parse", "HEAD");
            if (head == null || !head.matches("[0-9a-f]{40}")) {
                return "unknown";
            }
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            return status == null || status.isEmpty() ? head : head + "-dirty";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            return null;
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
