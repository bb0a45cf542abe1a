package aftershock.recording;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Request names as HdrHistogram interval-log tags. Tags cannot hold commas, spaces or line breaks: the writer
 * refuses commas and, worse, HistogramLogReader silently stops at a tag with a space ("GET /home"). Injectors
 * write {@code encode(name)}; the merged recording reads them back with {@code decode}.
 *
 * <pre>
 *   histogram.setTag(RequestTag.encode("GET /home"));   // "GET+%2Fhome"
 *   RequestTag.decode("GET+%2Fhome");                   // "GET /home"
 * </pre>
 */
public final class RequestTag {

    private RequestTag() {
    }

    /** A tag safe for the interval log, for this request name. */
    public static String encode(String requestName) {
        return URLEncoder.encode(requestName, StandardCharsets.UTF_8);
    }

    /** The request name this tag was encoded from. */
    public static String decode(String tag) {
        return URLDecoder.decode(tag, StandardCharsets.UTF_8);
    }
}
