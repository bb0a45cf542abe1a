package aftershock.run;

import aftershock.report.OutcomeFile;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where a run meets the process it runs in: the folder its outcome.json goes to, the line it is refused with,
 * the exit, and the line it ends with. The JVM's in a real run; a recorder in tests, so the edge can be checked
 * without ending the test's JVM.
 */
interface Ending {

    /** The folder runs write into ({@code -Daftershock.results}): outcome.json goes there. */
    Path resultsFolder();

    /** Prints why the run is refused, as one line on stderr. */
    void refused(String line);

    /** Ends the program with {@code status}; returns only in tests. */
    void exit(int status);

    /** Prints {@code line} as the program's last line, when it ends. */
    void lastLine(Supplier<String> line);

    /** The JVM Gatling runs the simulation in. */
    Ending JVM = new Ending() {
        @Override
        public Path resultsFolder() {
            return OutcomeFile.resultsFolder();
        }

        @Override
        public void refused(String line) {
            System.err.println("aftershock: " + line);
            System.err.flush();
        }

        @Override
        public void exit(int status) {
            System.exit(status);
        }

        @Override
        public void lastLine(Supplier<String> line) {
            // A shutdown hook runs after Gatling's own last lines (assertions, report): ours is the last one.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("aftershock: " + line.get());
                System.out.flush();
            }, "aftershock-outcome"));
        }
    };
}
