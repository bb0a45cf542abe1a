package aftershock.verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether the load generator kept up during a run, judged from what it recorded about itself: a pure function of
 * a {@link GeneratorRecord} and the {@link GeneratorLimits}. A run whose generator did not keep up is INVALID,
 * never PASS or FAIL: its figures describe the generator as much as the system under test.
 *
 * <pre>
 *   GeneratorHealth health = GeneratorHealth.judge(monitor.record(), GeneratorLimits.defaults());
 *   if (!health.keptUp()) outcome = Outcome.invalid(health.reason());
 * </pre>
 *
 * @param keptUp  no guard tripped (a guard that could not be measured does not trip, and says so)
 * @param guards  one per limit, in a fixed order
 * @param errors  requests that failed on the generator's side, by cause; never counted as the target's errors
 * @param seconds one line per second of load
 */
public record GeneratorHealth(boolean keptUp, List<Guard> guards, Map<GeneratorError, Long> errors,
                              Figures figures, List<SecondFigures> seconds) {

    private static final long SECOND_MILLIS = SchedulerLateness.SECOND_MILLIS;

    /** How a guard came out. */
    public enum Status { HELD, TRIPPED, NOT_MEASURED }

    /**
     * One limit on the generator's health.
     *
     * @param name     "requests sent over 250 ms late &lt; 1 %"
     * @param measured the measured value, with its unit ("3.2 %"), or "not measured: why"
     */
    public record Guard(String name, Status status, String measured) {
        public boolean tripped() {
            return status == Status.TRIPPED;
        }
    }

    /**
     * The run's figures.
     *
     * @param plannedArrivals users the profile planned, or -1 for a profile without an arrival rate
     * @param arrivals        users that sent their first request within the planned span (plus one second)
     * @param lateRequests    requests sent later than the lateness limit from {@code judgedFromSecond} on,
     *                        estimated from the probe
     * @param latePercent     their share of the requests sent from {@code judgedFromSecond} on
     * @param maxLateMillis   how far the scheduler fell behind from {@code judgedFromSecond} on
     * @param cpuMeanPercent  null when the JVM does not report it
     * @param maxDescriptors  -1 when the platform does not report it
     * @param judgedFromSecond the first second whose lateness is judged: after the warm-up and the start-up grace
     * @param startUpLateRequests late requests before it: reported, never judged
     */
    public record Figures(long requestsSent, long lateRequests, double latePercent, long maxLateMillis,
                          long plannedArrivals, long arrivals, long generatorErrors, long gcPauseMillis,
                          long longestGcPauseMillis, Double cpuMeanPercent, Double cpuMaxPercent,
                          long peakOpenDescriptors, long maxDescriptors, long judgedFromSecond,
                          long startUpLateRequests) {
    }

    /** One second of the run, as the reports show it. */
    public record SecondFigures(long second, Double plannedArrivals, long arrivals, long requestsSent,
                                long lateRequests, long maxLateMillis, long gcPauseMillis, Double cpuPercent,
                                long openDescriptors) {
    }

    /**
     * The same health with one more guard: another injector's generator, judged where it ran. A tripped one makes the
     * whole run's generator not kept up, so a merged run is never judged on one injector's lateness.
     */
    public GeneratorHealth withGuard(Guard guard) {
        List<Guard> more = new java.util.ArrayList<>(guards);
        more.add(guard);
        return new GeneratorHealth(keptUp && !guard.tripped(), List.copyOf(more), errors, figures, seconds);
    }

    /** The tripped guards, as the INVALID line gives them: "requests sent over 250 ms late &lt; 1 %, measured 3.2 % (...)". */
    public String reason() {
        return guards.stream().filter(Guard::tripped).map(g -> g.name() + ", measured " + g.measured())
                .collect(Collectors.joining("; "));
    }

    public static GeneratorHealth judge(GeneratorRecord record, GeneratorLimits limits) {
        List<GeneratorRecord.Second> seconds = record.seconds();
        long[] lateMillisBySecond = SchedulerLateness.lateMillisBySecond(record.probes(), limits.lateAfter().toMillis(),
                seconds);
        long[] maxLateBySecond = SchedulerLateness.maxLateBySecond(record.probes(), seconds);
        int firstArrival = firstArrivalIndex(seconds);
        long judgedFrom = SchedulerLateness.judgedFromSecond(record, limits, seconds, firstArrival);

        List<SecondFigures> lines = new ArrayList<>();
        long sent = 0;
        long judgedSent = 0;
        long late = 0;
        long startUpLate = 0;
        long gcTotal = 0;
        long gcLongest = 0;
        double cpuSum = 0;
        int cpuCount = 0;
        double cpuMax = Double.NaN;
        long peakOpen = -1;
        long maxDescriptors = -1;
        for (int i = 0; i < seconds.size(); i++) {
            GeneratorRecord.Second s = seconds.get(i);
            long lateRequests = Math.round(s.requestsSent() * Math.min(1.0, lateMillisBySecond[i] / (double) SECOND_MILLIS));
            sent += s.requestsSent();
            if (s.second() >= judgedFrom) {
                judgedSent += s.requestsSent();
                late += lateRequests;
            } else {
                startUpLate += lateRequests;
            }
            gcTotal += s.gcPauseMillis();
            gcLongest = Math.max(gcLongest, s.longestGcPauseMillis());
            if (!Double.isNaN(s.cpuPercent())) {
                cpuSum += s.cpuPercent();
                cpuCount++;
                cpuMax = Double.isNaN(cpuMax) ? s.cpuPercent() : Math.max(cpuMax, s.cpuPercent());
            }
            peakOpen = Math.max(peakOpen, s.openDescriptors());
            maxDescriptors = Math.max(maxDescriptors, s.maxDescriptors());
            lines.add(new SecondFigures(s.second(), planned(record.plannedArrivals(), firstArrival, i), s.arrivals(),
                    s.requestsSent(), lateRequests, maxLateBySecond[i], s.gcPauseMillis(), orNull(round(s.cpuPercent())),
                    s.openDescriptors()));
        }
        long maxLate = record.probes().stream().filter(p -> p.endMillis() >= judgedFrom * SECOND_MILLIS)
                .mapToLong(GeneratorRecord.Probe::latenessMillis).max().orElse(0);
        long plannedTotal = record.plannedArrivals() == null ? -1
                : Math.round(record.plannedArrivals().stream().mapToDouble(Double::doubleValue).sum());
        long arrivals = arrivalsWithinPlan(seconds, firstArrival, record.plannedArrivals());
        long generatorErrors = record.errors().values().stream().mapToLong(Long::longValue).sum();
        double cpuMean = cpuCount == 0 ? Double.NaN : cpuSum / cpuCount;
        Figures figures = new Figures(sent, late, judgedSent == 0 ? 0 : round(100.0 * late / judgedSent), maxLate,
                plannedTotal, arrivals, generatorErrors, gcTotal, gcLongest, orNull(round(cpuMean)),
                orNull(round(cpuMax)), peakOpen, maxDescriptors, judgedFrom, startUpLate);

        List<Guard> guards = new ArrayList<>();
        guards.add(lateness(figures, judgedSent, record, limits));
        guards.add(new Guard("generator errors <= " + limits.maxGeneratorErrors(),
                generatorErrors <= limits.maxGeneratorErrors() ? Status.HELD : Status.TRIPPED,
                generatorErrors + errorsText(record.errors())));
        guards.add(new Guard("longest GC pause < " + limits.maxGcPause().toMillis() + " ms",
                gcLongest < limits.maxGcPause().toMillis() ? Status.HELD : Status.TRIPPED, gcLongest + " ms"));
        guards.add(descriptors(figures, limits));
        guards.add(arrivalRate(figures, limits));
        if (limits.maxCpuPercent() > 0) {
            guards.add(Double.isNaN(cpuMean)
                    ? new Guard("generator CPU < " + number(limits.maxCpuPercent()) + " %", Status.NOT_MEASURED,
                    "not measured: the JVM does not report its process CPU")
                    : new Guard("generator CPU < " + number(limits.maxCpuPercent()) + " %",
                    cpuMean < limits.maxCpuPercent() ? Status.HELD : Status.TRIPPED, number(round(cpuMean)) + " %"));
        }
        Map<GeneratorError, Long> errors = new EnumMap<>(GeneratorError.class);
        errors.putAll(record.errors());
        return new GeneratorHealth(guards.stream().noneMatch(Guard::tripped), guards, errors, figures, lines);
    }

    private static Guard lateness(Figures figures, long judgedSent, GeneratorRecord record, GeneratorLimits limits) {
        String name = "requests sent over " + limits.lateAfter().toMillis() + " ms late < " + number(limits.maxLatePercent()) + " %";
        if (record.probes().isEmpty()) {
            return new Guard(name, Status.NOT_MEASURED, "not measured: the scheduler probe never ran");
        }
        if (figures.requestsSent() == 0) {
            return new Guard(name, Status.NOT_MEASURED, "not measured: no request was sent");
        }
        String startUp = startUpText(figures);
        if (judgedSent == 0) {
            return new Guard(name, Status.NOT_MEASURED, "not measured: the load ended within its warm-up and the "
                    + limits.startGrace().toSeconds() + " s start-up grace" + startUp);
        }
        return new Guard(name, figures.latePercent() < limits.maxLatePercent() ? Status.HELD : Status.TRIPPED,
                number(figures.latePercent()) + " % (" + figures.lateRequests() + " of " + judgedSent + " from second "
                        + figures.judgedFromSecond() + "; the scheduler fell up to " + figures.maxLateMillis()
                        + " ms behind" + startUp + ")");
    }

    private static String startUpText(Figures figures) {
        if (figures.judgedFromSecond() == 0) {
            return "";
        }
        return "; " + figures.startUpLateRequests() + " late before second " + figures.judgedFromSecond()
                + " (start-up), not judged";
    }

    private static Guard descriptors(Figures figures, GeneratorLimits limits) {
        String name = "open file descriptors < " + number(limits.maxDescriptorPercent()) + " % of the limit";
        if (figures.maxDescriptors() <= 0 || figures.peakOpenDescriptors() < 0) {
            return new Guard(name, Status.NOT_MEASURED, "not measured: the platform does not report descriptors");
        }
        double percent = round(100.0 * figures.peakOpenDescriptors() / figures.maxDescriptors());
        return new Guard(name, percent < limits.maxDescriptorPercent() ? Status.HELD : Status.TRIPPED,
                number(percent) + " % (peak " + figures.peakOpenDescriptors() + " of " + figures.maxDescriptors() + ")");
    }

    private static Guard arrivalRate(Figures figures, GeneratorLimits limits) {
        String name = "users arriving on schedule >= " + number(limits.minArrivalPercent()) + " % of the plan";
        if (figures.plannedArrivals() < 0) {
            return new Guard(name, Status.NOT_MEASURED, "not measured: the injection has no planned arrival rate (closed model)");
        }
        if (figures.plannedArrivals() == 0) {
            return new Guard(name, Status.NOT_MEASURED, "not measured: the plan has no user");
        }
        double percent = round(100.0 * figures.arrivals() / figures.plannedArrivals());
        return new Guard(name, percent >= limits.minArrivalPercent() ? Status.HELD : Status.TRIPPED,
                number(percent) + " % (" + figures.arrivals() + " of " + figures.plannedArrivals() + ")");
    }

    private static int firstArrivalIndex(List<GeneratorRecord.Second> seconds) {
        for (int i = 0; i < seconds.size(); i++) {
            if (seconds.get(i).arrivals() > 0) {
                return i;
            }
        }
        return -1;
    }

    private static Double planned(List<Double> plan, int firstArrival, int index) {
        if (plan == null || firstArrival < 0 || index < firstArrival || index - firstArrival >= plan.size()) {
            return null;
        }
        return plan.get(index - firstArrival);
    }

    /** Arrivals from the first one to the end of the plan, one second of grace for Gatling's batching. */
    private static long arrivalsWithinPlan(List<GeneratorRecord.Second> seconds, int firstArrival, List<Double> plan) {
        if (firstArrival < 0) {
            return 0;
        }
        int end = plan == null ? seconds.size() : Math.min(seconds.size(), firstArrival + plan.size() + 1);
        long arrivals = 0;
        for (int i = firstArrival; i < end; i++) {
            arrivals += seconds.get(i).arrivals();
        }
        return arrivals;
    }

    private static String errorsText(Map<GeneratorError, Long> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        return errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
