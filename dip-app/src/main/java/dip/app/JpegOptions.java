package dip.app;

import dip.image.Image;
import dip.task.TaskSpec;

/** The options of {@code dip jpeg}: those every task has. */
public final class JpegOptions extends TaskOptions {
    @Override
    protected TaskSpec spec(Image input) { return TaskSpec.jpeg(input); }
}
