package aftershock.report;

import aftershock.verdict.RunSummary;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a run's {@code summary.json} (a Jackson serialisation of {@link RunSummary}) and writes the suite's.
 * Unknown fields are ignored so that a summary written by a newer Aftershock still reads.
 */
public final class SummaryJson {

    /** The one mapper every report reads and writes with. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SummaryJson() {
    }

    public static RunSummary read(Path summaryJson) throws IOException {
        return MAPPER.readValue(summaryJson.toFile(), RunSummary.class);
    }

    public static void write(Object value, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), value);
    }
}
