package dip.net;

import dip.engine.Tensor;

/** A named trainable tensor. */
public record Parameter(String name, Tensor value) {
    public long count() { return value.numel(); }
}
