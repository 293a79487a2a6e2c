package dip.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file a restoration read, as its provenance records it.
 *
 * @param role   what it is: "input", "mask" or "reference"
 * @param path   the absolute path it was read from
 * @param sha256 the SHA-256 of its bytes, in lower-case hex
 */
public record InputFile(String role, String path, String sha256) {
    /** Hashes {@code file} now. */
    public static InputFile of(String role, Path file) {
        return new InputFile(role, file.toAbsolutePath().normalize().toString(), sha256(file));
    }

    /** The SHA-256 of a file's bytes in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest d = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
