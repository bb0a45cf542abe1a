package aftershock.chaos.kubernetes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An equality-based label selector such as {@code app=api,tier=web}: the only kind Aftershock accepts for faults,
 * so what gets deleted is always readable at a glance.
 *
 * <pre>
 *   LabelSelector api = LabelSelector.parse("app=api,tier=web");
 *   client.pods().inNamespace("staging").withLabels(api.labels()).list();
 *   api.text();   // "app=api,tier=web", as for kubectl -l
 * </pre>
 *
 * @param labels every label a pod must carry, with its exact value; never empty
 */
public record LabelSelector(Map<String, String> labels) {

    /** The form {@link #parse} accepts, for messages. */
    public static final String EXPECTED_FORM = "key=value pairs separated by commas, like app=api,tier=web";

    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    public LabelSelector {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a selector needs at least one label: an empty one matches every pod");
        }
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * Parses {@code app=api,tier=web}; spaces around pairs are ignored.
     *
     * @throws IllegalArgumentException naming the text and {@link #EXPECTED_FORM} for anything else: set-based
     *                                  selectors ({@code in}, {@code notin}, {@code !=}, {@code !key}), {@code ==},
     *                                  repeated keys, empty text
     */
    public static LabelSelector parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("the selector is empty (it would match every pod in the namespace): "
                    + "write " + EXPECTED_FORM);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            String[] parts = pair.trim().split("=", -1);
            if (parts.length != 2 || !KEY.matcher(parts[0]).matches() || !VALUE.matcher(parts[1]).matches()
                    || labels.putIfAbsent(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException("'" + text + "' is not a selector Aftershock accepts ('"
                        + pair.trim() + "' is not one label=value, or repeats a key): write " + EXPECTED_FORM);
            }
        }
        return new LabelSelector(labels);
    }

    /** As written for {@code kubectl -l}: "app=api,tier=web". */
    public String text() {
        StringBuilder text = new StringBuilder();
        labels.forEach((key, value) -> text.append(text.isEmpty() ? "" : ",").append(key).append('=').append(value));
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
