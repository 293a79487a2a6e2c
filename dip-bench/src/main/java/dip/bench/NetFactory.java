package dip.bench;

import dip.net.Net;

/** Builds the generator for a preset name; NetPresets::byName except in tests, which use a tiny net. */
@FunctionalInterface
public interface NetFactory {
    NetFactory PRESETS = dip.net.NetPresets::byName;

    Net create(String preset, int inputDepth, int outputChannels);
}
