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
 * Owners nest; a tensor belongs to the innermost one collecting. Objects freed earlier by hand are skipped.
 * {@link #stopCollecting()} ends the collecting (on the opening thread); the owner may then be closed on any thread.
 */
public final class Owner implements AutoCloseable {
    private static final ThreadLocal<Deque<Owner>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private final List<Runnable> frees = new ArrayList<>();
    private final Thread thread = Thread.currentThread();
    private boolean collecting = true;
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

    /** Stops registering new objects (what was registered stays owned). Call it on the thread that opened this owner. */
    public synchronized void stopCollecting() {
        if (collecting) {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("an Owner stops collecting on the thread that opened it");
            }
            collecting = false;
            OPEN.get().remove(this);
        }
    }

    /** Frees every registered object, newest first; on another thread than the opening one, stop collecting first. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopCollecting();
        closed = true;
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
