package aftershock.distributed;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.gatling.InjectionSplit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One injector of a run: its index among {@code count}, the instant its load starts, and the folder it writes to.
 * That is all a process needs to be one (a JVM started here, or a pod of an Indexed Job). Injector 0 conducts:
 * it fires the faults, runs the probes and judges the merged result.
 *
 * <pre>
 *   Injector injector = Injector.from(settings);      // aftershock.injectors, aftershock.injector.*
 *   long myUsers = injector.share(100);               // 34, 33, 33 for injectors 0, 1, 2 of 3
 * </pre>
 *
 * @param index   this injector, 0 to count - 1
 * @param count   how many injectors share the load
 * @param startAt when the load starts on every injector; empty when injector 0 hands it out at run time
 * @param folder  this injector's folder; null when the run has one injector
 */
public record Injector(int index, int count, Optional<Instant> startAt, Path folder) {

    /** The only injector of an ordinary run. */
    public static final Injector ALONE = new Injector(0, 1, Optional.empty(), null);

    public Injector {
        if (count < 1) {
            throw new ConfigurationException("aftershock.injectors is " + count + ": use 1 or more injectors");
        }
        if (index < 0 || index >= count) {
            throw new ConfigurationException("aftershock.injector.index is " + index + " with aftershock.injectors="
                    + count + ": the index runs from 0 to " + (count - 1));
        }
    }

    /** Reads {@code aftershock.injectors} and {@code aftershock.injector.*}. */
    public static Injector from(Settings root) {
        int count = root.positiveInt("injectors");
        Settings injector = root.section("injector");
        int index = injector.nonNegativeInt("index");
        String startAt = injector.string("start-at").trim();
        String folder = injector.string("folder").trim();
        if (count == 1) {
            return new Injector(index, 1, Optional.empty(), null);
        }
        return new Injector(index, count, startAt.isEmpty() ? Optional.empty() : Optional.of(instant(startAt)),
                folder.isEmpty() ? null : Path.of(folder));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("aftershock.injector.start-at is '" + text + "': write an ISO-8601 instant"
                    + " such as 2026-11-30T07:30:00Z, or leave it empty for injector 0 to hand one out");
        }
    }

    /** True for the injector that fires the faults, runs the probes and judges: injector 0, or the only one. */
    public boolean conducts() {
        return index == 0;
    }

    /** True when other injectors share the load. */
    public boolean distributed() {
        return count > 1;
    }

    /** "injector 2 of 3". */
    public String describe() {
        return "injector " + index + " of " + count;
    }

    /** This injector's part of a whole number of users, as {@link InjectionSplit#share(long, int, int)} splits it. */
    public long share(long total) {
        return InjectionSplit.share(total, index, count);
    }

    /** This injector's part of a rate, as {@link InjectionSplit#share(double, int, int)} splits it. */
    public double share(double rate) {
        return InjectionSplit.share(rate, index, count);
    }
}
