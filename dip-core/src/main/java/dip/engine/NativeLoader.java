package dip.engine;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads JavaCPP's natives (javacpp, openblas, torch) in a fixed order from the Maven jars.
 *
 * The torch preset lists CUDA libraries among its optional preloads; JavaCPP would pull a system
 * libcudart/libcupti into a CPU-only process when it finds one under /usr/local/cuda. We never use
 * them, so preloading is restricted to the libraries the CPU build needs.
 */
final class NativeLoader {
    private NativeLoader() {}

    static synchronized void load() {
        // The openblas preset (and its libgomp/libgfortran) first, then torch, one thread at a time.
        Loader.load(openblas_nolapack.class);
        Loader.load(torch.class);
    }
}
