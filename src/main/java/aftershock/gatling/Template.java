package aftershock.gatling;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path, body or header value of an endpoint of one's own, with its placeholders: {@code {id}} (a fresh id for
 * each request), {@code {random}} (a random whole number) and {@code {csv:column}} (a column of the feeder's current
 * row). Any other brace, such as a JSON body's, is text.
 *
 * <pre>
 *   Template body = Template.of("{\"sku\":\"{csv:sku}\",\"quantity\":{random}}");
 *   body.fill(new Template.Values("7f3c", 42, Map.of("sku", "A-1")));   // {"sku":"A-1","quantity":42}
 * </pre>
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|random|csv:([^{}\\s]+))}");

    private final String text;
    private final Set<String> columns;

    private Template(String text, Set<String> columns) {
        this.text = text;
        this.columns = columns;
    }

    /** What one request fills in: its id, its random number and its feeder row (empty without a feeder). */
    record Values(String id, long random, Map<String, ?> row) {
    }

    /** The template of {@code text}. */
    static Template of(String text) {
        Set<String> columns = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (matcher.group(2) != null) {
                columns.add(matcher.group(2));
            }
        }
        return new Template(text, Set.copyOf(columns));
    }

    /** The feeder columns it names with {@code {csv:column}}. */
    Set<String> columns() {
        return columns;
    }

    /** True when it has no text at all (a request without a body). */
    boolean isEmpty() {
        return text.isEmpty();
    }

    /** The text with every placeholder filled in from {@code values}. */
    String fill(Values values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "id" -> values.id();
                case "random" -> Long.toString(values.random());
                default -> String.valueOf(values.row().get(matcher.group(2)));
            };
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
