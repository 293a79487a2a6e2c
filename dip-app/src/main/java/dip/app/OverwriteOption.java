package dip.app;

import picocli.CommandLine.Option;

/** --force for the commands that write one result: an existing output is replaced only when asked. */
public final class OverwriteOption {
    @Option(names = "--force", description = "Overwrite outputs that already exist (an input is never overwritten).")
    boolean force;

    /** --force. */
    public boolean force() { return force; }
}
