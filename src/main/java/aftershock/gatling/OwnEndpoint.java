package aftershock.gatling;

import aftershock.client.TargetPaths;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An endpoint of the user's own service, {@code aftershock.endpoints.<name>}: method, path, body, headers, the status
 * that counts as OK, and an optional CSV feeder. A mix weighs it by its name, and its requests are recorded and
 * reported under that name. Everything wrong with it is refused when it is read, before any load.
 *
 * <pre>
 *   Map<String, OwnEndpoint> own = OwnEndpoint.all(settings, Set.of("health"), OwnEndpoint.GATLING_CSV);
 *   Template.Values values = own.get("place-order").nextValues();
 *   String path = own.get("place-order").path().fill(values);   // /api/orders/0b9e...
 * </pre>
 */
public final class OwnEndpoint {

    /** The fields an endpoint may set. */
    private static final List<String> FIELDS = List.of("method", "path", "body", "headers", "status", "feeder");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final long RANDOM_BOUND = 1_000_000_000L;

    /** Reads a CSV file (with a header line) on the classpath or at a path, as Gatling's csv feeder does. */
    public static final Function<String, List<Map<String, Object>>> GATLING_CSV =
            file -> io.gatling.javaapi.core.CoreDsl.csv(file).readRecords();

    private final String name;
    private final String method;
    private final Template path;
    private final Template body;
    private final Map<String, Template> headers;
    private final int status;
    private final List<Map<String, Object>> rows;
    private final AtomicLong nextRow = new AtomicLong();

    private OwnEndpoint(String name, String method, Template path, Template body, Map<String, Template> headers,
                        int status, List<Map<String, Object>> rows) {
        this.name = name;
        this.method = method;
        this.path = path;
        this.body = body;
        this.headers = headers;
        this.status = status;
        this.rows = rows;
    }

    /**
     * Every endpoint under {@code aftershock.endpoints}, by name.
     *
     * @param settings all the settings (the {@code aftershock} section)
     * @param builtIn the built-in endpoints' names, which an endpoint of one's own may not take
     * @param readCsv reads a feeder's rows
     */
    public static Map<String, OwnEndpoint> all(Settings settings, Collection<String> builtIn,
                                               Function<String, List<Map<String, Object>>> readCsv) {
        Map<String, OwnEndpoint> all = new LinkedHashMap<>();
        List<String> names = settings.names("endpoints");
        Settings endpoints = names.isEmpty() ? null : settings.section("endpoints");
        for (String name : names) {
            if (builtIn.contains(name)) {
                throw new ConfigurationException(endpoints.where(name) + " takes the name of a built-in endpoint: give"
                        + " your endpoint another name (the built-in ones are " + String.join(", ", builtIn) + ")");
            }
            all.put(name, read(name, endpoints, readCsv));
        }
        return all;
    }

    private static OwnEndpoint read(String name, Settings endpoints, Function<String, List<Map<String, Object>>> readCsv) {
        for (String field : endpoints.names(name)) {
            if (!FIELDS.contains(field)) {
                throw new ConfigurationException(endpoints.where(name + "." + field) + " is not a setting of an endpoint:"
                        + " use " + String.join(", ", FIELDS));
            }
        }
        Settings endpoint = endpoints.section(name);
        String method = text(endpoint, "method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ConfigurationException(endpoint.where("method") + " is '" + text(endpoint, "method", "")
                    + "': use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
        }
        String path = text(endpoint, "path", "").trim();
        if (path.isEmpty()) {
            throw new ConfigurationException(endpoint.where("path") + " is not set: give the path of " + name
                    + ", like /api/orders/{id} (under the BASE_URL's path), or a full URL");
        }
        int status = endpoint.has("status") ? endpoint.positiveInt("status") : 200;
        if (status < 100 || status > 599) {
            throw new ConfigurationException(endpoint.where("status") + " is " + status + ": give the HTTP status that"
                    + " counts as OK, from 100 to 599 (200 when not set)");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        for (String header : endpoint.names("headers")) {
            headers.put(header, Template.of(endpoint.string("headers." + header)));
        }
        Template pathTemplate = Template.of(TargetPaths.normalised(path));
        Template body = Template.of(text(endpoint, "body", ""));
        List<Map<String, Object>> rows = rows(name, endpoint, readCsv, pathTemplate, body, headers);
        return new OwnEndpoint(name, method, pathTemplate, body, Map.copyOf(headers), status, rows);
    }

    private static List<Map<String, Object>> rows(String name, Settings endpoint,
                                                  Function<String, List<Map<String, Object>>> readCsv,
                                                  Template path, Template body, Map<String, Template> headers) {
        Set<String> columns = new java.util.TreeSet<>(path.columns());
        columns.addAll(body.columns());
        headers.values().forEach(header -> columns.addAll(header.columns()));
        String feeder = text(endpoint, "feeder", "").trim();
        if (feeder.isEmpty()) {
            if (!columns.isEmpty()) {
                throw new ConfigurationException(endpoint.where("feeder") + " is not set, but " + name + " uses {csv:"
                        + columns.iterator().next() + "}: name a CSV file with a header line, like feeder = \"skus.csv\"");
            }
            return List.of();
        }
        List<Map<String, Object>> rows;
        try {
            rows = readCsv.apply(feeder);
        } catch (Exception e) {
            // Gatling's own exception, not a RuntimeException; its hint names our lambda, not the user's file.
            String why = String.valueOf(e.getMessage()).replaceAll(" \\(hint: .*\\)$", "");
            throw new ConfigurationException(endpoint.where("feeder") + " '" + feeder + "' could not be read ("
                    + why + "): name a CSV file with a header line, on the classpath (src/test/resources)"
                    + " or as a path", e);
        }
        if (rows.isEmpty()) {
            throw new ConfigurationException(endpoint.where("feeder") + " '" + feeder + "' has no rows: add at least"
                    + " one line below its header");
        }
        for (String column : columns) {
            if (!rows.get(0).containsKey(column)) {
                throw new ConfigurationException(name + " uses {csv:" + column + "}, but " + endpoint.where("feeder")
                        + " '" + feeder + "' has the columns " + String.join(", ", rows.get(0).keySet())
                        + ": use one of them, or add the column to the file");
            }
        }
        return List.copyOf(rows);
    }

    private static String text(Settings endpoint, String key, String otherwise) {
        return endpoint.has(key) ? endpoint.string(key) : otherwise;
    }

    /** What the next request fills in: a fresh id, a random number, and the feeder's next row (in a circle). */
    Template.Values nextValues() {
        Map<String, Object> row = rows.isEmpty() ? Map.of()
                : rows.get((int) (nextRow.getAndIncrement() % rows.size()));
        return new Template.Values(UUID.randomUUID().toString(), ThreadLocalRandom.current().nextLong(RANDOM_BOUND), row);
    }

    /** Its name: the mix's key, and the name its requests are recorded and reported under. */
    public String name() {
        return name;
    }

    String method() {
        return method;
    }

    /** Its path, with a leading slash unless it is a full URL. */
    Template path() {
        return path;
    }

    /** Its body; empty for none. */
    Template body() {
        return body;
    }

    Map<String, Template> headers() {
        return headers;
    }

    /** The status that counts as OK. */
    int status() {
        return status;
    }
}
