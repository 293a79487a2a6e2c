package dip.net;

import dip.engine.Ops;
import dip.engine.Tensor;

/** ×2 up- and down-sampling without parameters. */
public enum Resample implements Layer {
    UP_BILINEAR {
        @Override public Tensor forward(Tensor x) { return Ops.upsampleBilinear2x(x); }
        @Override public String describe() { return "Upsample x2 bilinear"; }
    },
    UP_NEAREST {
        @Override public Tensor forward(Tensor x) { return Ops.upsampleNearest2x(x); }
        @Override public String describe() { return "Upsample x2 nearest"; }
    },
    DOWN_AVG {
        @Override public Tensor forward(Tensor x) { return Ops.avgPool2x(x); }
        @Override public String describe() { return "AvgPool 2x2"; }
    },
    DOWN_MAX {
        @Override public Tensor forward(Tensor x) { return Ops.maxPool2x(x); }
        @Override public String describe() { return "MaxPool 2x2"; }
    };
}
