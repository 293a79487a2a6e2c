package dip.engine;

import org.bytedeco.pytorch.AutoGradMode;

/** Disables gradient recording until closed, then restores the previous mode. */
public final class NoGrad implements AutoCloseable {
    private final AutoGradMode mode = new AutoGradMode(false);

    @Override
    public void close() { mode.close(); }
}
