package dip.cli;

import dip.fit.FitListener;
import dip.fit.Progress;
import dip.image.ImageFiles;
import java.nio.file.Path;

/** Every N iterations, writes the current output and average as PNGs into a directory. */
final class Snapshots implements FitListener {
    private final Path dir;
    private final int every;
    private final int bitDepth;

    Snapshots(Path dir, int every, int bitDepth) {
        this.dir = dir;
        this.every = every;
        this.bitDepth = bitDepth;
    }

    @Override
    public void onIteration(Progress p) {
        if (p.iteration() % every == 0) {
            String it = String.format("%06d", p.iteration());
            ImageFiles.write(p.output().get(), dir.resolve("output_" + it + ".png"), bitDepth);
            ImageFiles.write(p.average().get(), dir.resolve("average_" + it + ".png"), bitDepth);
        }
    }
}
