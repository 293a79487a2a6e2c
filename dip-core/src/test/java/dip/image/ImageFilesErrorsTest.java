package dip.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesErrorsTest {
    @TempDir
    Path dir;

    private final Image img = TestImages.randomLevels(3, 40, 30, 255, 1);

    private ImageReadException readFails(Path file) {
        ImageReadException e = assertThrows(ImageReadException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().startsWith("cannot read " + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    private ImageWriteException writeFails(Path file, int bitDepth) {
        ImageWriteException e = assertThrows(ImageWriteException.class, () -> ImageFiles.write(img, file, bitDepth));
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void missingFile() {
        assertTrue(readFails(dir.resolve("input.png")).getMessage().endsWith(": no such file"));
    }

    @Test
    void directoryInsteadOfFile() {
        assertTrue(readFails(dir).getMessage().contains("is a directory"));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        assertTrue(readFails(file).getMessage().endsWith(": empty file"));
    }

    @Test
    void textFileNamedPng() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "these are not pixels\n");
        assertTrue(readFails(file).getMessage().contains("not a supported image format"));
    }

    @Test
    void truncatedPng() throws IOException {
        Path file = dir.resolve("full.png");
        ImageFiles.write(TestImages.randomLevels(3, 64, 64, 255, 2), file, 8); // noise: the data barely compresses
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(readFails(cut).getMessage().contains("corrupt or truncated"));
    }

    @Test
    void corruptHeader() throws IOException {
        Path file = dir.resolve("full.png");
        ImageFiles.write(img, file, 8);
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 0x7f; // inside IHDR: breaks its CRC / dimensions
        Path bad = Files.write(dir.resolve("bad.png"), bytes);
        readFails(bad);
    }

    @Test
    void writeToMissingDirectory() {
        Path file = dir.resolve("no-such-dir").resolve("out.png");
        assertTrue(writeFails(file, 8).getMessage().contains("does not exist"));
    }

    @Test
    void writeNonPngName() {
        assertTrue(writeFails(dir.resolve("out.jpg"), 8).getMessage().contains("only PNG"));
        writeFails(dir.resolve("out"), 8);
    }

    @Test
    void upperCasePngNameIsFine() {
        ImageFiles.write(img, dir.resolve("OUT.PNG"), 8);
        assertEquals(img, ImageFiles.read(dir.resolve("OUT.PNG")).image());
    }

    @Test
    void writeBadBitDepth() {
        assertTrue(writeFails(dir.resolve("out.png"), 12).getMessage().contains("bit depth"));
    }

    @Test
    void writeOntoDirectory() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub.png"));
        writeFails(sub, 8);
    }

    @Test
    void writeToReadOnlyDirectory() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as a user who can write anywhere (root)");
            assertTrue(writeFails(ro.resolve("out.png"), 8).getMessage().contains("permission denied"));
            assertEquals(List.of(), list(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out.png");
        ImageFiles.write(img, file, 8);
        Image other = TestImages.randomLevels(1, 5, 5, 65535, 3);
        ImageFiles.write(other, file, 16); // replaces the existing file
        assertEquals(other, ImageFiles.read(file).image());
        assertThrows(ImageWriteException.class, () -> ImageFiles.write(img, dir.resolve("x.png"), 7));
        assertEquals(List.of("out.png"), list(dir));
    }

    private static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
