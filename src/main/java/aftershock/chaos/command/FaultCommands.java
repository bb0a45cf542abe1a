package aftershock.chaos.command;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import java.time.Duration;
import java.util.Optional;

/**
 * The user's own commands for one fault, from {@code aftershock.command.<fault>}: {@code inject} breaks it,
 * {@code restore} puts it back (empty for a fault that heals on its own), {@code check} exits 0 once the fault took
 * effect, which is its evidence.
 *
 * <pre>
 *   FaultCommands redisKill = FaultCommands.from(settings.section("command"), "redis-kill");
 *   // inject = "docker compose kill redis", restore = "docker compose start redis",
 *   // check = "test -z \"$(docker compose ps -q --status running redis)\""
 * </pre>
 *
 * @param fault       the fault's name, "redis-kill"
 * @param inject      the command that injects it
 * @param restore     the command that restores it; empty when the fault heals on its own
 * @param check       the command that exits 0 when the fault took effect
 * @param timeout     how long each command may run before it is stopped
 * @param checkWithin how long the check is tried again after the injection before the fault counts as not observed
 */
public record FaultCommands(String fault, String inject, Optional<String> restore, String check, Duration timeout,
                            Duration checkWithin) {

    private static final String PREFIX = "aftershock.command.";

    /** Reads and checks {@code aftershock.command.<fault>}: inject and check are required, before any load. */
    public static FaultCommands from(Settings command, String fault) {
        Settings own = command.section(fault);
        String inject = own.string("inject").trim();
        String restore = own.string("restore").trim();
        String check = own.string("check").trim();
        if (inject.isEmpty() || check.isEmpty()) {
            String missing = inject.isEmpty() ? "inject" : "check";
            throw new ConfigurationException(PREFIX + fault + "." + missing + " is empty: aftershock.platform = command"
                    + " runs your own commands for " + fault + ": set " + PREFIX + fault + ".inject (for example"
                    + " \"docker compose kill redis\"), .check (a command that exits 0 once the fault took effect) and,"
                    + " unless it heals on its own, .restore (\"docker compose start redis\")");
        }
        Duration timeout = command.duration("timeout");
        Duration checkWithin = command.duration("check-within");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigurationException(PREFIX + "timeout is " + timeout.toMillis() + " ms: set it to how long a"
                    + " command may run, for example 30s");
        }
        return new FaultCommands(fault, inject, restore.isEmpty() ? Optional.empty() : Optional.of(restore), check,
                timeout, checkWithin);
    }

    /** One line for the console, the dry run and the report: every command, as configured. */
    public String describe() {
        return "run `" + inject + "`" + restore.map(r -> ", restore with `" + r + "`").orElse(", no restore (heals on its own)")
                + ", evidence from `" + check + "`";
    }
}
