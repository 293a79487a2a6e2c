package dip.tile;

import dip.image.Image;
import dip.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The finished tiles of a tiled run, kept in a folder next to its output ({@link #folderFor}: {@code OUT.tiles/})
 * so that a stopped run resumes without redoing them.
 *
 * <p>Contents: {@code manifest.txt} (the {@link TileManifest} the store was made for), one
 * {@code tile-rR-cC.f32} per finished tile (R, C: its 0-based row and column) and, while a tile is being restored,
 * its checkpoint {@code tile-rR-cC.ckpt} ({@link #checkpointFile}; removed once the tile is saved). A tile file is
 * the tile's output as raw float32, little-endian, so a resumed run blends exactly the values an uninterrupted one
 * would have: a 32-byte header (the 8 bytes {@code DIPTILE1}, then row, column, channels, height, width and the
 * CRC-32 of the data, each an int32), then the CHW floats. Every file is written atomically
 * ({@link AtomicFiles}), so a crash leaves a tile either finished or absent.
 *
 * <p>Not safe for two runs on one store at the same time.
 */
public final class TileStore {
    static final String MANIFEST = "manifest.txt";
    private static final byte[] MAGIC = "DIPTILE1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 6 * Integer.BYTES;
    /** Every file a store writes: its manifest, tiles, checkpoints and AtomicFiles' temporary files. */
    private static final Pattern OWN_FILE =
            Pattern.compile("\\.?(manifest\\.txt|tile-r\\d+-c\\d+\\.(f32|ckpt))(\\.tmp-[0-9a-f]+)?");

    private final Path folder;
    private final TileManifest manifest;
    private final TilePlan plan;

    private TileStore(Path folder, TileManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
        this.plan = manifest.plan();
    }

    /**
     * The store's folder for an output file: {@code OUT.tiles} beside it, as {@code OUT.ckpt} and {@code OUT.json}
     * ({@code photo.png} → {@code photo.tiles}; a name without .png keeps its whole name: {@code out.x} → {@code out.x.tiles}).
     */
    public static Path folderFor(Path output) {
        Path abs = output.toAbsolutePath();
        String name = abs.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return abs.resolveSibling(stem + ".tiles");
    }

    /** Whether the folder holds a store (a manifest), of whatever run. */
    public static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(MANIFEST));
    }

    /**
     * A new, empty store in the folder (created if missing) for the manifest's run.
     *
     * @throws TileStoreException if the folder already holds a store (resume it or delete it) or cannot be written
     */
    public static TileStore create(Path folder, TileManifest manifest) {
        if (exists(folder)) {
            throw new TileStoreException(folder + " already holds the tiles of an earlier run: resume it, or delete it"
                    + " to start afresh");
        }
        try {
            if (Files.isDirectory(folder) && holdsOwnFiles(folder)) {
                throw new TileStoreException(folder + " holds tile files but no manifest: delete it to start afresh");
            }
            Files.createDirectories(folder);
            AtomicFiles.writeString(folder.resolve(MANIFEST), manifest.toText());
        } catch (IOException e) {
            throw new TileStoreException("cannot create the tile store " + folder + ": " + e, e);
        }
        return new TileStore(folder, manifest);
    }

    /**
     * The store in the folder, to continue the run it was made for.
     *
     * @throws TileStoreException if there is none, its manifest is unreadable, or it was made for another plan,
     *         input, seed or settings (the message says what differs)
     */
    public static TileStore resume(Path folder, TileManifest manifest) {
        TileManifest there;
        try {
            there = TileManifest.parse(Files.readString(folder.resolve(MANIFEST), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new TileStoreException("nothing to resume: " + folder + " holds no tiles of an earlier run");
        } catch (IOException | IllegalArgumentException e) {
            throw new TileStoreException("cannot resume from " + folder + ": its " + MANIFEST + " is unreadable ("
                    + e.getMessage() + ")", e);
        }
        java.util.List<String> differences = there.differencesFrom(manifest);
        if (!differences.isEmpty()) {
            throw new TileStoreException("cannot resume from " + folder + ": it was made by another run ("
                    + String.join("; ", differences) + "); resume with the same settings, or delete it");
        }
        return new TileStore(folder, manifest);
    }

    /** {@link #resume} if the folder holds a store, else {@link #create}. */
    public static TileStore open(Path folder, TileManifest manifest) {
        return exists(folder) ? resume(folder, manifest) : create(folder, manifest);
    }

    public Path folder() { return folder; }
    public TileManifest manifest() { return manifest; }
    public TilePlan plan() { return plan; }

    /** The file that holds the tile's output once it is finished. */
    public Path tileFile(Tile tile) {
        return folder.resolve("tile-r" + tile.row() + "-c" + tile.col() + ".f32");
    }

    /** Where the tile's restoration may keep its checkpoint while it runs (removed by {@link #save}). */
    public Path checkpointFile(Tile tile) {
        return folder.resolve("tile-r" + tile.row() + "-c" + tile.col() + ".ckpt");
    }

    /** Whether the tile was finished and saved. */
    public boolean isDone(Tile tile) {
        plan.requireTile(tile);
        return Files.isRegularFile(tileFile(tile));
    }

    /** How many of the plan's tiles are finished. */
    public int doneCount() {
        int n = 0;
        for (Tile t : plan.tiles()) {
            if (isDone(t)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Saves a finished tile's output atomically, then deletes its checkpoint.
     *
     * @throws IllegalArgumentException if the image is not the tile's output size with the manifest's channels
     * @throws TileStoreException       if it cannot be written
     */
    public void save(Tile tile, Image output) {
        plan.requireTile(tile);
        plan.requireOutput(tile, manifest.channels(), output);
        Tile.Rect r = tile.output();
        float[] data = output.data();
        ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        file.position(HEADER_BYTES);
        file.asFloatBuffer().put(data);
        CRC32 crc = new CRC32();
        crc.update(file.array(), HEADER_BYTES, data.length * Float.BYTES);
        file.position(0);
        file.put(MAGIC).putInt(tile.row()).putInt(tile.col()).putInt(output.channels()).putInt(r.height())
                .putInt(r.width()).putInt((int) crc.getValue());
        try {
            AtomicFiles.write(tileFile(tile), file.array());
            Files.deleteIfExists(checkpointFile(tile));
        } catch (IOException e) {
            throw new TileStoreException("cannot save " + tile.describe(plan.count()) + " to " + tileFile(tile) + ": "
                    + e, e);
        }
    }

    /**
     * A finished tile's output, bit for bit as saved.
     *
     * @throws TileStoreException if the file is missing, unreadable or damaged (delete it to restore that tile again)
     */
    public Image load(Tile tile) {
        plan.requireTile(tile);
        Path file = tileFile(tile);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TileStoreException("cannot read " + file + ": " + e, e);
        }
        Tile.Rect r = tile.output();
        int floats = manifest.channels() * r.height() * r.width();
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String problem = null;
        if (bytes.length != HEADER_BYTES + (long) floats * Float.BYTES) {
            problem = bytes.length + " bytes, expected " + (HEADER_BYTES + (long) floats * Float.BYTES);
        } else if (!java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            problem = "not a tile file";
        } else {
            buf.position(MAGIC.length);
            int row = buf.getInt();
            int col = buf.getInt();
            int channels = buf.getInt();
            int height = buf.getInt();
            int width = buf.getInt();
            int crc = buf.getInt();
            CRC32 actual = new CRC32();
            actual.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
            if (row != tile.row() || col != tile.col() || channels != manifest.channels() || height != r.height()
                    || width != r.width()) {
                problem = "it holds a " + channels + "x" + height + "x" + width + " tile at row " + row + ", col " + col;
            } else if (crc != (int) actual.getValue()) {
                problem = "checksum mismatch";
            }
        }
        if (problem != null) {
            throw new TileStoreException("tile file " + file + " is damaged (" + problem + "): delete it to restore"
                    + " that tile again");
        }
        float[] data = new float[floats];
        buf.position(HEADER_BYTES);
        buf.asFloatBuffer().get(data);
        return new Image(manifest.channels(), r.height(), r.width(), data);
    }

    private static boolean holdsOwnFiles(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (OWN_FILE.matcher(f.getFileName().toString()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Deletes this store (see {@link #delete(Path)}); call it once the final output is written. */
    public boolean delete() {
        return delete(folder);
    }

    /**
     * Deletes the store in the folder, of whatever run: its manifest, tile files, checkpoints and leftover temporary
     * files, then the folder itself if nothing else is in it. Files the store did not write are left alone.
     *
     * @return whether the folder is gone
     * @throws TileStoreException if a file cannot be deleted
     */
    public static boolean delete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return !Files.exists(folder);
        }
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path f : files) {
                    if (OWN_FILE.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
                        Files.delete(f);
                    }
                }
            }
            try (DirectoryStream<Path> rest = Files.newDirectoryStream(folder)) {
                if (rest.iterator().hasNext()) {
                    return false;
                }
            }
            Files.delete(folder);
            return true;
        } catch (IOException e) {
            throw new TileStoreException("cannot delete the tile store " + folder + ": " + e, e);
        }
    }
}
