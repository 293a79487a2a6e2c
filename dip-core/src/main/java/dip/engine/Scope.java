package dip.engine;

import org.bytedeco.javacpp.PointerScope;

/**
 * A native-memory scope: every tensor created while it is open is freed when it closes, unless
 * {@link Tensor#keep()} moved it out. One scope per optimisation step keeps memory flat.
 */
public final class Scope implements AutoCloseable {
    private final PointerScope scope = new PointerScope();

    @Override
    public void close() { scope.close(); }
}
