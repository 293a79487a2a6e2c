package dip.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.OutputArchive;

/** Named tensors (and an Adam state) saved to one file, in libtorch's serialisation format. */
public final class Archive {
    private Archive() {}

    /** Collects tensors, then writes them atomically (temporary file, then rename). */
    public static final class Writer {
        private final OutputArchive archive = new OutputArchive();

        public Writer put(String name, Tensor t) {
            archive.write(name, t.t.detach().contiguous());
            return this;
        }

        /** Scalars (counters, PSNRs) as a float64 tensor: float32 would round large counts. */
        public Writer put(String name, double... values) {
            org.bytedeco.pytorch.Tensor d = torch.empty(new long[] {values.length},
                    new TensorOptions(torch.ScalarType.Double), new MemoryFormatOptional());
            new DoublePointer(d.data_ptr()).put(values);
            archive.write(name, d);
            return this;
        }

        public Writer put(String name, Adam adam) {
            OutputArchive sub = new OutputArchive();
            adam.saveTo(sub);
            archive.write(name, sub);
            return this;
        }

        public void saveAtomically(Path file) throws IOException {
            Path dir = file.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                archive.save_to(temp.toString());
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Reads a file written by {@link Writer}. */
    public static final class Reader {
        private final InputArchive archive = new InputArchive();

        public Reader(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": no such file");
            }
            try {
                archive.load_from(file.toString());
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a dip checkpoint (" + NativeErrors.firstLine(e.getMessage()) + ")");
            }
        }

        /** The tensor under that name, kept (outlives any scope). */
        public Tensor tensor(String name) throws IOException {
            org.bytedeco.pytorch.Tensor t = new org.bytedeco.pytorch.Tensor();
            if (!archive.try_read(name, t)) {
                throw new IOException("checkpoint has no entry '" + name + "'");
            }
            return new Tensor(t).keep();
        }

        /** Whether the file holds an entry of that name. */
        public boolean has(String name) {
            org.bytedeco.pytorch.Tensor t = new org.bytedeco.pytorch.Tensor();
            try {
                return archive.try_read(name, t);
            } finally {
                t.close();
            }
        }

        public double[] values(String name) throws IOException {
            org.bytedeco.pytorch.Tensor t = tensor(name).t.contiguous();
            double[] out = new double[(int) t.numel()];
            new DoublePointer(t.data_ptr()).get(out);
            return out;
        }

        public void loadInto(String name, Adam adam) {
            InputArchive sub = new InputArchive();
            archive.read(name, sub);
            adam.loadFrom(sub);
        }
    }

}
