package aftershock.catalog;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code java -cp <test classpath> aftershock.catalog.SimulationsCommand --list [load|resilience]}: the
 * simulations on the classpath, one per line, for run-tests.sh and for people. With a kind, only the names of
 * that kind; without, {@code <kind> <name>} lines. An unmarked simulation is listed as resilience, with a note
 * on stderr. Exits 0, or 2 on bad usage.
 */
public final class SimulationsCommand {

    static final String USAGE = "usage: SimulationsCommand --list [load|resilience]";

    private SimulationsCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, SimulationCatalog::onClasspath, System.out, System.err));
    }

    static int run(String[] args, Supplier<SimulationCatalog> catalogs, PrintStream out, PrintStream err) {
        if (args.length == 0 || args.length > 2 || !args[0].equals("--list")) {
            err.println("simulations: expected --list [load|resilience]\n" + USAGE);
            return 2;
        }
        SimulationKind only = null;
        if (args.length == 2) {
            try {
                only = SimulationKind.valueOf(args[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("simulations: unknown kind '" + args[1] + "': expected load or resilience\n" + USAGE);
                return 2;
            }
        }
        SimulationCatalog catalog = catalogs.get();
        for (FoundSimulation simulation : catalog.all()) {
            String name = catalog.nameOf(simulation);
            if (simulation.unmarked()) {
                err.println("note: " + simulation.className() + " has no @Kind: listed as resilience, so the suite asks before running it;"
                        + " mark it @Kind(LOAD) or @Kind(RESILIENCE)");
            }
            if (only == null) {
                out.println(simulation.kind().name().toLowerCase(Locale.ROOT) + " " + name);
            } else if (simulation.kind() == only) {
                out.println(name);
            }
        }
        return 0;
    }
}
