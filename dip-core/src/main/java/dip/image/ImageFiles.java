package dip.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reading images (PNG, JPEG, BMP, TIFF through ImageIO and the TwelveMonkeys plugins) and writing PNGs.
 * Every failure is an {@link ImageReadException} / {@link ImageWriteException} with a one-line message naming the file.
 */
public final class ImageFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ImageFiles() {}

    /** A decoded image, the bit depth of its samples in the file (8 or 16) and any warnings (e.g. dropped alpha). */
    public record ReadResult(Image image, int bitDepth, List<String> warnings) {
        public ReadResult {
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads the first image in the file as a 1-channel (grey) or 3-channel (RGB) image in [0,1]. */
    public static ReadResult read(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ImageReadException("cannot read " + name + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageReadException("cannot read " + name + ": is a directory, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageReadException("cannot read " + name + ": permission denied");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageReadException("cannot read " + name + ": empty file");
            }
        } catch (IOException e) {
            throw new ImageReadException("cannot read " + name + ": " + describe(e), e);
        }
        BufferedImage bi = decode(file, name);
        List<String> warnings = new ArrayList<>();
        if (bi.getColorModel().hasAlpha()) {
            warnings.add(name + ": alpha channel dropped");
        }
        PixelConversion.Decoded decoded;
        try {
            decoded = PixelConversion.fromBufferedImage(bi);
        } catch (RuntimeException e) { // e.g. a colour model getRGB cannot handle
            throw new ImageReadException("cannot read " + name + ": unsupported pixel format (" + detail(e) + ")", e);
        }
        return new ReadResult(decoded.image(), decoded.bitDepth(), warnings);
    }

    private static BufferedImage decode(Path file, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageReadException("cannot read " + name + ": cannot open file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageReadException("cannot read " + name
                        + ": not a supported image format (expected PNG, JPEG, BMP or TIFF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new ImageReadException("cannot read " + name + ": image has no pixels");
                }
                if (3 * w * h > Integer.MAX_VALUE) {
                    throw new ImageReadException("cannot read " + name + ": image too large (" + w + "x" + h + ")");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report truncation and corruption with assorted IOExceptions and runtime exceptions.
            throw new ImageReadException("cannot read " + name + ": corrupt or truncated image data ("
                    + detail(e) + ")", e);
        }
    }

    /**
     * Writes a PNG with 8- or 16-bit samples (values clamped to [0,1] and rounded). The file appears atomically:
     * the data goes to a hidden temporary file in the same directory which is then renamed over the target,
     * so a crash or error never leaves a half-written image under the final name.
     */
    public static void write(Image img, Path file, int bitDepth) {
        String name = file.toString();
        Path fileName = file.getFileName();
        if (fileName == null || !fileName.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new ImageWriteException("cannot write " + name + ": only PNG output is supported (name must end in .png)");
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new ImageWriteException("cannot write " + name + ": bit depth must be 8 or 16, got " + bitDepth);
        }
        if (img.channels() != 1 && img.channels() != 3) {
            throw new ImageWriteException("cannot write " + name + ": only 1- or 3-channel images can be saved, got "
                    + img.channels() + " channels");
        }
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        String dirName = file.getParent() != null ? file.getParent().toString() : dir.toString();
        if (!Files.exists(dir)) {
            throw new ImageWriteException("cannot write " + name + ": directory " + dirName + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new ImageWriteException("cannot write " + name + ": " + dirName + " is not a directory");
        }
        if (Files.isDirectory(target)) {
            throw new ImageWriteException("cannot write " + name + ": is a directory");
        }
        BufferedImage bi = PixelConversion.toBufferedImage(img, bitDepth);
        Path temp = dir.resolve("." + fileName + ".tmp-" + Long.toHexString(RANDOM.nextLong()));
        try {
            writePng(bi, temp);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the original error is the one worth reporting
            }
            throw new ImageWriteException("cannot write " + name + ": " + describe(e), e);
        }
    }

    /**
     * A {@link BufferedImage} as an image: grey and plain RGB rasters are read sample by sample (8 or 16 bit,
     * no colour management), anything else through {@code getRGB}; alpha is dropped.
     */
    public static Image fromBufferedImage(BufferedImage bi) { return PixelConversion.fromBufferedImage(bi).image(); }

    /** An image (1 or 3 channels, values clamped to [0,1]) as an 8- or 16-bit grey or RGB {@link BufferedImage}. */
    public static BufferedImage toBufferedImage(Image img, int bitDepth) {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        return PixelConversion.toBufferedImage(img, bitDepth);
    }

    /** An 8-bit PNG in memory (for pages that embed their images). */
    public static byte[] encodePng(Image img) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            if (!ImageIO.write(PixelConversion.toBufferedImage(img, 8), "png", bytes)) {
                throw new ImageWriteException("no PNG writer available for this image type");
            }
        } catch (IOException e) {
            throw new ImageWriteException("cannot encode PNG: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void writePng(BufferedImage bi, Path temp) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(bi), "png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer available for this image type");
        }
        ImageWriter writer = writers.next();
        // CREATE_NEW: never follow or clobber something already sitting under the temporary name.
        try (OutputStream os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ImageOutputStream ios = new MemoryCacheImageOutputStream(os)) {
            writer.setOutput(ios);
            writer.write(bi);
        } finally {
            writer.dispose();
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A short reason for a file-system error, without the exception class names. */
    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return detail(e);
    }

    /** The first line of the exception message (or of its cause's), else the exception's simple name. */
    private static String detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = t.getMessage();
            if (msg != null && !msg.isBlank()) {
                return msg.strip().lines().findFirst().orElse(msg);
            }
        }
        return e.getClass().getSimpleName();
    }
}
