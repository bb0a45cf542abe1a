package aftershock.run;

import aftershock.system.Target;
import io.gatling.javaapi.core.Simulation;

/**
 * A Gatling simulation judged by Aftershock: the {@link Run} is opened (configuration, target, preflight)
 * before the simulation's own fields, our recording starts with the load, and everything started is stopped
 * after it.
 */
public abstract class JudgedSimulation extends Simulation {

    /** This run: settings, target, recorded requests, chaos and verdict. */
    protected final Run run;

    protected JudgedSimulation(String description, Target.Needs needs) {
        this.run = Run.open(getClass().getSimpleName(), description, needs);
    }

    protected JudgedSimulation(String description) {
        this(description, Target.Needs.STANDALONE);
    }

    @Override
    public void before() {
        run.startLoad();
    }

    @Override
    public void after() {
        run.finish();
    }
}
