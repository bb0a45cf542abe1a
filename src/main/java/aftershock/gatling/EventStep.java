package aftershock.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import org.slf4j.LoggerFactory;
import scala.Option;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Gatling step that runs Aftershock work off Gatling's threads and writes what it measured into Gatling's
 * stats as named requests, so chaos events and verdicts show up in the HTML report. The virtual user moves on
 * when the work's future completes.
 *
 * <pre>
 *   ChaosTimeline timeline = run.timeline().then(run.selfHealing(planned, Duration.ofSeconds(30)));
 *   ScenarioBuilder chaos = scenario("chaos")
 *           .exec(EventStep.of(sink -> timeline.start(Instant.now(), sink)));
 * </pre>
 */
public final class EventStep implements ActionBuilder {

    private static final org.slf4j.Logger logger = LoggerFactory.getLogger(EventStep.class);

    private final Function<Consumer<ReportedEvent>, CompletableFuture<?>> work;

    private EventStep(Function<Consumer<ReportedEvent>, CompletableFuture<?>> work) {
        this.work = work;
    }

    /** A step running {@code work}; it reports events through the consumer it is given. */
    public static EventStep of(Function<Consumer<ReportedEvent>, CompletableFuture<?>> work) {
        return new EventStep(work);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return new io.gatling.core.action.builder.ActionBuilder() {
            @Override
            public Action build(ScenarioContext ctx, Action next) {
                return new Step(ctx.coreComponents().statsEngine(), next);
            }
        };
    }

    private final class Step implements Action {
        private final StatsEngine statsEngine;
        private final Action next;
        private Logger scalaLogger = Logger.apply(logger);

        Step(StatsEngine statsEngine, Action next) {
            this.statsEngine = statsEngine;
            this.next = next;
        }

        @Override
        public String name() {
            return "aftershock-event-step";
        }

        @Override
        public void execute(Session session) {
            Consumer<ReportedEvent> sink = event -> statsEngine.logResponse(session.scenario(), session.groups(),
                    event.name(), event.startEpochMillis(), event.endEpochMillis(),
                    event.ok() ? OK$.MODULE$ : KO$.MODULE$, Option.apply(event.code()), Option.apply(event.message()));
            CompletableFuture<?> done;
            try {
                done = work.apply(sink);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            done.whenComplete((ignored, error) -> {
                if (error != null) {
                    logger.error("aftershock step failed: {}", error.toString(), error);
                }
                session.eventLoop().execute(() -> next.execute(session));
            });
        }

        @Override
        public Logger logger() {
            return scalaLogger;
        }

        @Override
        public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
            this.scalaLogger = logger;
        }
    }
}
