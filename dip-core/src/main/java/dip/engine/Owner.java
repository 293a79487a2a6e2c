package dip.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The owner of everything native that outlives one iteration's {@link Scope}: net weights, z, the task's
 * tensors, the optimiser and the fit's own buffers. While an owner is open on a thread, every tensor
 * {@link Tensor#keep() kept} and every {@link Adam} created on that thread is registered with it, and
 * {@link #close()} frees them all, also when the fit failed half-way (DJL's NDManager, JavaCPP's PointerScope).
 * Owners nest; a tensor belongs to the innermost one. Objects freed earlier by hand are skipped.
 */
public final class Owner implements AutoCloseable {
    private static final ThreadLocal<Deque<Owner>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private final List<Runnable> frees = new ArrayList<>();
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    /** Opens an owner on the calling thread; close it on the same thread. */
    public Owner() { OPEN.get().push(this); }

    /** Registers a release action with the innermost open owner of this thread, if any. */
    static void adopt(Runnable free) {
        Owner o = OPEN.get().peek();
        if (o != null) {
            o.frees.add(free);
        }
    }

    /** Objects registered so far (for tests). */
    public int size() { return frees.size(); }

    /** Frees every registered object, newest first. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("an Owner must be closed on the thread that opened it");
        }
        closed = true;
        OPEN.get().remove(this);
        for (int i = frees.size() - 1; i >= 0; i--) {
            frees.get(i).run();
        }
        frees.clear();
    }

    /** Native bytes JavaCPP tracks as allocated by its deallocators now (see {@code Pointer.totalBytes()}). */
    public static long trackedBytes() { return org.bytedeco.javacpp.Pointer.totalBytes(); }

    /** The process's resident memory in bytes, as JavaCPP reads it (see {@code Pointer.physicalBytes()}). */
    public static long residentBytes() { return org.bytedeco.javacpp.Pointer.physicalBytes(); }
}
