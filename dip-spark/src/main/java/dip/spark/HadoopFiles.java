package dip.spark;

import dip.app.ExitCode;
import dip.app.UserError;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on any Hadoop file system (local, HDFS, S3 through the usual connectors): listing inputs, fetching a file to
 * the local disk for decoding, and writing outputs atomically (a temporary name, then a rename).
 */
final class HadoopFiles {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    private HadoopFiles() {}

    /** The images a folder, glob or file stands for, sorted by path within each; a folder's images are not searched recursively. */
    static List<String> list(List<String> inputs, Configuration conf) {
        List<String> files = new ArrayList<>();
        for (String in : inputs) {
            Path p = new Path(in);
            try {
                FileSystem fs = p.getFileSystem(conf);
                FileStatus[] matched = fs.globStatus(p);
                if (matched == null || matched.length == 0) {
                    files.add(fs.makeQualified(p).toString()); // a missing file fails in its own row
                    continue;
                }
                List<String> found = new ArrayList<>();
                for (FileStatus s : matched) {
                    if (s.isDirectory()) {
                        List<String> images = new ArrayList<>();
                        for (FileStatus f : fs.listStatus(s.getPath())) {
                            if (f.isFile() && isImage(f.getPath())) {
                                images.add(f.getPath().toString());
                            }
                        }
                        if (images.isEmpty()) {
                            throw new UserError(ExitCode.INPUT, "no images (PNG, JPEG, BMP, TIFF) in directory " + s.getPath());
                        }
                        images.sort(null);
                        found.addAll(images);
                    } else if (matched.length == 1 || isImage(s.getPath())) {
                        found.add(s.getPath().toString());
                    }
                }
                found.sort(null);
                files.addAll(found);
            } catch (IOException e) {
                throw new UserError(ExitCode.INPUT, "cannot list " + in + ": " + e.getMessage());
            }
        }
        return files;
    }

    static boolean isImage(Path p) {
        String n = p.getName();
        int dot = n.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The file name without its extension. */
    static String stem(String uri) {
        String n = new Path(uri).getName();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Whether a path lives on the local file system (then it is read and written in place). */
    static boolean isLocal(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        return fs instanceof LocalFileSystem || "file".equals(fs.getUri().getScheme());
    }

    /** The local file of a path on the local file system. */
    static java.nio.file.Path localPath(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        return java.nio.file.Path.of(URI.create(p.getFileSystem(conf).makeQualified(p).toUri().toString()));
    }

    /**
     * The file {@code uri} as a local file: itself on the local file system, else a copy in {@code tempDir} under its
     * own name (missing files stay missing, for the reader's message).
     */
    static java.nio.file.Path fetch(String uri, java.nio.file.Path tempDir, Configuration conf) throws IOException {
        if (isLocal(uri, conf)) {
            return localPath(uri, conf);
        }
        Path p = new Path(uri);
        java.nio.file.Path local = tempDir.resolve(p.getName());
        FileSystem fs = p.getFileSystem(conf);
        if (fs.exists(p)) {
            fs.copyToLocalFile(false, p, new Path(local.toUri()), true);
        }
        return local;
    }

    /** Copies a local file to {@code target} (on any file system) under a temporary name, then renames it. */
    static void upload(java.nio.file.Path local, String target, Configuration conf) throws IOException {
        Path dst = new Path(target);
        FileSystem fs = dst.getFileSystem(conf);
        Path tmp = new Path(dst.getParent(), "." + dst.getName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
        if (fs.exists(dst)) {
            fs.delete(dst, false);
        }
        if (!fs.rename(tmp, dst)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + dst);
        }
    }

    /** Writes text to {@code target} (on any file system) atomically. */
    static void writeString(String target, String text, Configuration conf) throws IOException {
        if (isLocal(target, conf)) {
            dip.io.AtomicFiles.writeString(localPath(target, conf), text);
            return;
        }
        java.nio.file.Path tmp = Files.createTempFile("dip-spark", ".txt");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            upload(tmp, target, conf);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file's text, or null when it does not exist. */
    static String readString(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            return null;
        }
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static boolean exists(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        return p.getFileSystem(conf).exists(p);
    }

    /** Creates the folder (and its parents) if missing. */
    static String makeFolder(String uri, Configuration conf) {
        Path p = new Path(uri);
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
                throw new UserError(ExitCode.OUTPUT, "-o names an output directory, but " + uri + " is a file");
            }
            if (!fs.exists(p) && !fs.mkdirs(p)) {
                throw new UserError(ExitCode.OUTPUT, "cannot create output directory " + uri);
            }
            return fs.makeQualified(p).toString();
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot create output directory " + uri + ": " + e.getMessage());
        }
    }

}
