package dip.fit;

/** The fit kept diverging (non-finite or collapsing data term) even after rolling back. */
public class FitDivergedException extends RuntimeException {
    public FitDivergedException(String message) { super(message); }
}
