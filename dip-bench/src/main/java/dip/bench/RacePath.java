package dip.bench;

import dip.engine.Precision;
import dip.restore.RestoreConfig;
import dip.restore.StopRule;
import dip.task.TaskSpec;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One contestant of {@code bench race}: {@code RECIPE[-PRECISION]}. RECIPE is {@code default} (the library's
 * defaults for the task, {@code RestoreConfig.builder(task)}) or {@code paper} (the paper's recipe as the CLI runs it);
 * PRECISION is {@code fp32} or {@code bf16} (absent: {@link Precision#auto()}). {@code paper-fp32} is the paper's
 * full fixed recipe: every iteration of the recipe, no automatic stop, fp32.
 *
 * @param recipe    "default" or "paper"
 * @param precision "fp32", "bf16" or null (auto)
 */
public record RacePath(String recipe, String precision) {
    public static final List<String> RECIPES = List.of("default", "paper");
    public static final String VALID_FORMS = "default, paper, default-fp32, default-bf16, paper-fp32 (the paper's full "
            + "fixed recipe in fp32), paper-bf16";

    public RacePath {
        if (!RECIPES.contains(recipe) || precision != null && !precision.equals("fp32") && !precision.equals("bf16")) {
            throw new IllegalArgumentException("unknown path '" + recipe + (precision == null ? "" : "-" + precision)
                    + "'; valid paths: " + VALID_FORMS);
        }
    }

    /** Parses {@code RECIPE[-PRECISION]}. @throws IllegalArgumentException naming the valid forms */
    public static RacePath parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        int dash = t.indexOf('-');
        try {
            return dash < 0 ? new RacePath(t, null) : new RacePath(t.substring(0, dash), t.substring(dash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown path '" + s + "'; valid paths: " + VALID_FORMS);
        }
    }

    /** Parses a list of paths, refusing a path given twice. */
    public static List<RacePath> parseAll(List<String> names) {
        List<RacePath> paths = names.stream().map(RacePath::parse).toList();
        if (paths.stream().distinct().count() != paths.size()) {
            throw new IllegalArgumentException("a path is given twice in --paths " + String.join(",", names));
        }
        return paths;
    }

    public String name() { return precision == null ? recipe : recipe + "-" + precision; }

    /** The paper's full fixed recipe in fp32: the one path that may be projected. */
    public boolean paperFull() { return recipe.equals("paper") && "fp32".equals(precision); }

    /**
     * The builder of the recipe alone: the one mapping of RECIPE to the library (change it here when the defaults
     * change). {@code default}: whatever dip's defaults are; {@code paper}: the paper's recipe, as the CLI runs it.
     */
    static RestoreConfig.Builder recipeBuilder(String recipe, TaskSpec task) {
        return switch (recipe) {
            case "default" -> RestoreConfig.builder(task);
            case "paper" -> RestoreConfig.builder(task).recipe(dip.fit.Recipe.Family.PAPER);
            default -> throw new IllegalArgumentException("unknown recipe " + recipe);
        };
    }

    /** The precision this CPU computes the path in ({@link Precision#resolve}: bf16 without bf16 instructions is fp32, with a note). */
    public Precision resolvePrecision(Consumer<String> notes) {
        return Precision.resolve(precision == null ? "auto" : precision,
                n -> notes.accept(name() + ": " + n));
    }

    /** The builder of this path: its recipe, its precision, and for paper-fp32 the fixed stop. */
    RestoreConfig.Builder builder(TaskSpec task, Precision resolved) {
        RestoreConfig.Builder b = recipeBuilder(recipe, task).precision(resolved);
        return paperFull() ? b.stop(StopRule.fixed()) : b;
    }

    @Override
    public String toString() { return name(); }
}
