package dip.restore;

import java.util.Locale;

/** How the restored image is parametrised. */
public enum PriorKind {
    /** The deep image prior: a generator net and its fixed input z. */
    DIP,
    /** Pixels optimised for the data term plus λ·TV. */
    TV,
    /** Pixels optimised for the data term alone ("no prior"). */
    NONE;

    /** The name used on the command line and in provenance files ("dip", "tv", "none"). */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    /** The kind named {@code key}. */
    public static PriorKind byKey(String key) { return valueOf(key.toUpperCase(Locale.ROOT)); }
}
