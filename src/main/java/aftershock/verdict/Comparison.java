package aftershock.verdict;

/** How a measured value is held against a limit. */
public enum Comparison {
    BELOW("<"), AT_MOST("<="), ABOVE(">"), AT_LEAST(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True when {@code measured} satisfies this comparison against {@code limit}. */
    public boolean holds(double measured, double limit) {
        return switch (this) {
            case BELOW -> measured < limit;
            case AT_MOST -> measured <= limit;
            case ABOVE -> measured > limit;
            case AT_LEAST -> measured >= limit;
        };
    }
}
