package aftershock.chaos;

/** Carries out a {@link RestoreRecipe} left by a run that died mid-fault. */
@FunctionalInterface
public interface RecipeRunner {

    /** Runs the recipe; throws {@link FaultException} saying what to do by hand when it cannot. */
    void run(RestoreRecipe recipe);
}
