package dip.bench;

import dip.fit.Recipe;
import dip.metric.Protocol;
import java.util.List;
import java.util.Locale;

/**
 * The restoration tasks of the paper's tables, each with its recipe, its evaluation protocol, the methods
 * it reports and the task key its rows carry in published.csv.
 */
public enum BenchTask {
    SR4("sr4", 4, Recipe.superResolution(4), Protocol.Y_SHAVE, List.of(Method.DIP, Method.BICUBIC), "sr_x4"),
    SR8("sr8", 8, Recipe.superResolution(8), Protocol.Y_SHAVE, List.of(Method.DIP, Method.BICUBIC), "sr_x8"),
    /**
     * The colour denoising table: DIP.md gives 3000 iterations for F16 but 1800 for "the paper's colour set",
     * which is what this table reproduces, so the recipe is Recipe.DENOISE with 1800 iterations.
     */
    DENOISE("denoise", 1, Recipe.DENOISE.withIterations(1800), Protocol.RGB,
            List.of(Method.DIP, Method.DIP_AVERAGE, Method.DIP_ORACLE, Method.DIP_AUTO_STOP,
                    Method.DIP_AUTO_STOP_AVERAGE, Method.NOISY), "denoise"),
    /** The 50%-missing-pixels restoration table (grey images, lr 0.001, 11000 iterations). */
    INPAINT("inpaint", 1, Recipe.RESTORE_PIXELS, Protocol.RGB, List.of(Method.DIP), "inpaint");

    /** Iterations of the paper's colour denoising table (DIP.md: "paper's colour set: 1800"). */
    public static final int DENOISE_COLOUR_SET_ITERATIONS = 1800;

    /** One evaluated image per method; the key names its columns and matches published.csv's method column. */
    public enum Method {
        DIP("dip"), DIP_AVERAGE("dip_average"), BICUBIC("bicubic"), NOISY("noisy"),
        /** The output at the best iteration by ground truth: the peak no stopping rule can beat. */
        DIP_ORACLE("dip_oracle"),
        /** The output the automatic stop (variance of recent outputs, no ground truth) keeps. */
        DIP_AUTO_STOP("dip_auto_stop"),
        /** The exponential average of the outputs where the automatic stop stops (what --output-average writes). */
        DIP_AUTO_STOP_AVERAGE("dip_auto_stop_average");

        private final String key;

        Method(String key) { this.key = key; }

        public String key() { return key; }
    }

    private final String cliName;
    private final int factor;
    private final Recipe recipe;
    private final Protocol protocol;
    private final List<Method> methods;
    private final String publishedPrefix;

    BenchTask(String cliName, int factor, Recipe recipe, Protocol protocol, List<Method> methods, String publishedPrefix) {
        this.cliName = cliName;
        this.factor = factor;
        this.recipe = recipe;
        this.protocol = protocol;
        this.methods = methods;
        this.publishedPrefix = publishedPrefix;
    }

    public String cliName() { return cliName; }

    /** The super-resolution factor; 1 for the other tasks. */
    public int factor() { return factor; }

    public boolean superResolution() { return factor > 1; }

    public Recipe recipe() { return recipe; }

    public Protocol protocol() { return protocol; }

    public List<Method> methods() { return methods; }

    /** published.csv task keys of this task start with this (denoise_s25, denoise_s50, ...). */
    public String publishedPrefix() { return publishedPrefix; }

    /** The task for a command-line name (sr4, sr8, denoise, inpaint). */
    public static BenchTask byName(String name) {
        for (BenchTask t : values()) {
            if (t.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; choose one of sr4, sr8, denoise, inpaint");
    }
}
