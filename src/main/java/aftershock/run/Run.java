package aftershock.run;

import aftershock.auth.AuthMode;
import aftershock.auth.Login;
import aftershock.auth.Logins;
import aftershock.auth.SignedInPool;
import aftershock.client.Http;
import aftershock.client.Preflight;
import aftershock.client.TargetPaths;
import aftershock.client.Tls;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.distributed.Injector;
import aftershock.system.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.time.Duration;

/**
 * One opened run: its configuration, the target (built-in or the user's) that passed preflight, and the signed-in
 * identities (tokens, sessions or a key, by {@code aftershock.target.auth.mode}) the load uses. {@link #open} throws on bad input (ConfigurationException, PreflightException,
 * Target.StartException) and leaves nothing running when it does; {@link JudgedSimulation} turns that into a line.
 *
 * @param simulation     the simulation's class name
 * @param description    what the simulation does, with a DRY RUN mark when faults only print
 * @param requestTimeout per-request timeout ({@code aftershock.target.request-timeout})
 * @param dryRun         faults only print what they would do
 * @param injector       this injector of the run: the only one, or one of {@code aftershock.injectors}
 */
record Run(String simulation, String description, Settings settings, Target target, TargetPaths paths,
           Duration requestTimeout, SignedInPool signedIn, boolean dryRun, Injector injector) implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Run.class);

    /** Restores what a previous run left broken, starts the target and checks it before any load. */
    static Run open(String simulation, String description, Settings settings, Target.Needs needs) {
        Settings targetSettings = settings.section("target");
        TargetPaths paths = TargetPaths.from(targetSettings.section("paths"));
        Duration requestTimeout = targetSettings.duration("request-timeout");
        boolean dryRun = settings.flag("dry-run");
        Injector injector = withFolder(Injector.from(settings), simulation);
        String tlsWarning = Tls.apply(targetSettings);
        if (injector.conducts()) {
            // The other injectors fire no fault: what a previous run left broken is injector 0's to restore.
            GuardedFaults.recoverFromPreviousRun();
        }
        Target target = Target.start(settings, needs);
        try {
            Preflight preflight = new Preflight(new Http(requestTimeout), paths);
            for (URI url : target.baseUrls()) {
                preflight.targetAnswers(url, target.fixHint());
            }
            URI first = target.baseUrls().get(0);
            Login login = Logins.from(targetSettings, new Http(requestTimeout), first);
            int identities = login.mode() == AuthMode.COOKIE ? targetSettings.section("auth").section("cookie")
                    .positiveInt("sessions") : 1;
            SignedInPool signedIn = SignedInPool.signIn(login, identities, Duration.ofMinutes(2));
            if (!target.redisAddress().isEmpty()) {
                try {
                    Preflight.redisIsWritableMaster(target.redisAddress());
                } catch (RuntimeException e) {
                    signedIn.close();
                    throw e;
                }
            }
            String described = dryRun
                    ? description + " (DRY RUN: faults only print what they would do; none was fired)" : description;
            if (tlsWarning != null) {
                logger.warn("{}", tlsWarning);
                described = described + " (" + tlsWarning + ")";
            }
            logger.info("{}: {} against {}, signed in with auth mode {}", simulation, described, target.describe(),
                    login.mode().text());
            if (injector.distributed()) {
                described = described + " (" + injector.describe() + ")";
            }
            return new Run(simulation, described, settings, target, paths, requestTimeout, signedIn, dryRun, injector);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /**
     * Injector 0 of a run spread over several injectors chooses the run's folder when none was given; every other
     * injector must be told its own.
     */
    private static Injector withFolder(Injector injector, String simulation) {
        if (!injector.distributed() || injector.folder() != null) {
            return injector;
        }
        if (!injector.conducts()) {
            throw new ConfigurationException(injector.describe() + " has no folder to write to: set"
                    + " aftershock.injector.folder to a folder of its own (injector 0 reads it after the run)");
        }
        Path run = Path.of("target", "aftershock", "injectors",
                simulation.toLowerCase(Locale.ROOT) + "-" + System.currentTimeMillis());
        return new Injector(0, injector.count(), injector.startAt(), run.resolve("injector-0"));
    }

    /** Stops the sign-ins' renewal and the target (when built in). Never throws. */
    @Override
    public void close() {
        try {
            signedIn.close();
        } catch (RuntimeException e) {
            logger.warn("while stopping the token renewal: {}", e.toString());
        } finally {
            target.close();
        }
    }
}
