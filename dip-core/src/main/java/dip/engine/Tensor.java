package dip.engine;

import dip.image.Image;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * A float32 tensor on the CPU: our handle on a libtorch tensor. Created inside a {@link Scope},
 * it is freed when the scope closes unless {@link #keep()} was called.
 */
public final class Tensor {
    final org.bytedeco.pytorch.Tensor t;

    Tensor(org.bytedeco.pytorch.Tensor t) { this.t = t; }

    // ---- creation ----

    public static Tensor zeros(long... shape) { return new Tensor(torch.zeros(shape)); }

    /** Uniform in [lo, hi) from the calling thread's seeded generator ({@link Engine#generator()}). */
    public static Tensor uniform(double lo, double hi, long... shape) {
        return new Tensor(torch.rand(shape, new org.bytedeco.pytorch.GeneratorOptional(Engine.generator())).mul(new Scalar(hi - lo)).add(new Scalar(lo)));
    }

    /** Gaussian N(0, std²) from the calling thread's seeded generator ({@link Engine#generator()}). */
    public static Tensor normal(double std, long... shape) {
        return new Tensor(torch.randn(shape, new org.bytedeco.pytorch.GeneratorOptional(Engine.generator())).mul(new Scalar(std)));
    }

    /** A tensor of the given shape holding a copy of {@code values} (row-major). */
    public static Tensor of(float[] values, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + java.util.Arrays.toString(shape));
        }
        org.bytedeco.pytorch.Tensor out = torch.empty(shape);
        new FloatPointer(out.data_ptr()).put(values, 0, values.length);
        return new Tensor(out);
    }

    /** 1×C×H×W batch of one image. */
    public static Tensor of(Image img) {
        return of(img.data(), 1, img.channels(), img.height(), img.width());
    }

    // ---- reading back ----

    public long[] shape() {
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.size(i);
        }
        return s;
    }

    public long size(int dim) { return t.size(dim); }

    public long numel() { return t.numel(); }

    /** True when stored as bfloat16 (the activations of a bf16 fit). */
    public boolean isBf16() { return is(torch.ScalarType.BFloat16); }

    /** Compared by value: JavaCPP returns a fresh enum object for a native ScalarType, so == is always false. */
    boolean is(torch.ScalarType type) { return t.scalar_type().value == type.value; }

    public float[] toArray() {
        org.bytedeco.pytorch.Tensor c = t.detach().to(torch.ScalarType.Float).contiguous();
        float[] out = new float[(int) c.numel()];
        new FloatPointer(c.data_ptr()).get(out);
        return out;
    }

    /** A 1×C×H×W tensor as an image (values as they are, not clamped). */
    public Image toImage() {
        long[] s = shape();
        if (s.length != 4 || s[0] != 1) {
            throw new IllegalStateException("expected a 1xCxHxW tensor, got " + java.util.Arrays.toString(s));
        }
        return new Image((int) s[1], (int) s[2], (int) s[3], toArray());
    }

    public double item() { return t.item_double(); }

    // ---- arithmetic (differentiable) ----

    public Tensor plus(Tensor o) { return new Tensor(t.add(o.t)); }
    public Tensor minus(Tensor o) { return new Tensor(t.sub(o.t)); }
    public Tensor times(Tensor o) { return new Tensor(t.mul(o.t)); }
    public Tensor times(double s) { return new Tensor(t.mul(new Scalar(s))); }
    public Tensor plus(double s) { return new Tensor(t.add(new Scalar(s))); }
    public Tensor square() { return new Tensor(t.square()); }
    public Tensor mean() { return new Tensor(t.mean()); }
    public Tensor sum() { return new Tensor(t.sum()); }

    /** The same values in another shape (a view when possible). */
    public Tensor reshape(long... shape) { return new Tensor(t.reshape(shape)); }

    /** The last two axes swapped (a view). */
    public Tensor transpose() { return new Tensor(t.transpose(-2, -1)); }

    /** Element-wise square root. */
    public Tensor sqrt() { return new Tensor(t.sqrt()); }

    /** The slice [start, start+length) along dim (a view). */
    public Tensor narrow(int dim, long start, long length) { return new Tensor(t.narrow(dim, start, length)); }

    // ---- autograd ----

    public Tensor requireGrad() { t.set_requires_grad(true); return this; }

    public void backward() { t.backward(); }

    /** The gradient accumulated by {@link #backward()}, or null if none. */
    public Tensor grad() {
        org.bytedeco.pytorch.Tensor g = t.grad();
        return g.defined() ? new Tensor(g) : null;
    }

    /** The same values cut off from the graph. */
    public Tensor detach() { return new Tensor(t.detach()); }

    /** A copy with its own storage, cut off from the graph. */
    public Tensor copy() { return new Tensor(t.detach().clone()); }

    /**
     * A copy in the standard (NCHW) layout: reductions over it then sum in the same order whatever layout the
     * original had (a channels-last copy and its reloaded NCHW twin sum to different last bits).
     */
    public Tensor copyContiguous() {
        return new Tensor(t.detach().clone(new org.bytedeco.pytorch.MemoryFormatOptional(torch.MemoryFormat.Contiguous)));
    }

    // ---- in place, outside autograd ----

    /** this ← other (shapes must match). */
    public void assign(Tensor other) {
        try (NoGrad g = new NoGrad()) {
            t.copy_(other.t);
        }
    }

    /** this ← a·this + b·other: running averages without a new allocation. */
    public void blend(double a, double b, Tensor other) {
        try (NoGrad g = new NoGrad()) {
            t.mul_(new Scalar(a)).add_(other.t, new Scalar(b));
        }
    }

    // ---- memory ----

    /** The same values stored in the standard NCHW order (this tensor when it already is). */
    public Tensor contiguous() {
        return t.is_contiguous() ? this : new Tensor(t.contiguous());
    }

    /** The same values stored channels-last (NHWC), the layout oneDNN's CPU convolutions prefer. */
    public Tensor channelsLast() {
        return new Tensor(t.contiguous(torch.MemoryFormat.ChannelsLast));
    }

    /**
     * Survive the enclosing {@link Scope}. The innermost open {@link Owner} of this thread frees it when it
     * closes; without one, {@link #free()} or the garbage collector does.
     */
    public Tensor keep() {
        t.retainReference();
        Owner.adopt(this::free);
        return this;
    }

    /** Frees a kept tensor now rather than when its owner closes or the collector gets to it. Idempotent. */
    public void free() {
        if (!freed) {
            freed = true;
            t.releaseReference();
        }
    }

    private boolean freed;

    /** True once the scope that owned this tensor has closed. */
    public boolean isFreed() { return t.isNull(); }

    org.bytedeco.pytorch.Tensor raw() { return t; }

    @Override
    public String toString() { return "Tensor" + java.util.Arrays.toString(shape()); }
}
