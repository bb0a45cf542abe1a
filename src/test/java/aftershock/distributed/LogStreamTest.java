package aftershock.distributed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogStreamTest {

    private static final String HLOG = "#[StartTime: 1764487800.000 (seconds since epoch)]\n"
            + "0.000,1.000,0.010,HISTFAAAACR4nJNpmSzMwMDAxQABzFCaEUwyMfiAuE4UxgAAKdoCBQ==\n";

    private static List<String> sent(int index, String name, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogStream.send(index, name, text, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aStreamInterleavedWithOtherLogLinesArrivesWhole() {
        // Given a pod log where the stream sits between Gatling's own lines, each behind a kubelet timestamp
        List<String> stream = sent(1, "requests.hlog", HLOG);
        LogStream.Reader reader = new LogStream.Reader(1);

        // When
        reader.accept("Simulation aftershock.simulations.PodKill completed in 30 seconds");
        stream.forEach(line -> reader.accept("2026-11-30T08:30:00.000Z " + line));
        reader.accept("Reports generated, please open the following file");

        // Then
        assertThat(reader.file("requests.hlog")).contains(HLOG);
        assertThat(reader.problem("requests.hlog")).isEmpty();
    }

    @Test
    void aStreamCutBeforeItsEndLineIsNoFile() {
        // Given
        List<String> stream = sent(1, "requests.hlog", HLOG);
        LogStream.Reader reader = new LogStream.Reader(1);

        // When the pod dies after the first line of the file
        reader.accept(stream.get(0));
        reader.accept(stream.get(1));

        // Then
        assertThat(reader.file("requests.hlog")).isEmpty();
        assertThat(reader.problem("requests.hlog")).contains("requests.hlog from injector 1 was cut off after 1 lines:"
                + " its end line never came (the pod died or its log stopped)");
    }

    @Test
    void aStreamWithAnAlteredLineFailsItsChecksum() {
        // Given
        List<String> stream = sent(0, "requests.hlog", HLOG);
        LogStream.Reader reader = new LogStream.Reader(0);

        // When one line arrives changed
        stream.forEach(line -> reader.accept(line.replace("0.010,", "0.011,")));

        // Then
        assertThat(reader.file("requests.hlog")).isEmpty();
        assertThat(reader.problem("requests.hlog")).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("requests.hlog from injector 0 is corrupt: its checksum does not match"));
    }

    @Test
    void aStreamWithALostLineFailsItsCount() {
        // Given
        List<String> stream = sent(0, "requests.hlog", HLOG);
        LogStream.Reader reader = new LogStream.Reader(0);

        // When
        stream.stream().filter(line -> !line.contains("HISTF")).forEach(reader::accept);

        // Then
        assertThat(reader.problem("requests.hlog")).contains("requests.hlog from injector 0 is corrupt: it announced 2"
                + " lines and 1 arrived");
    }

    @Test
    void anotherInjectorsStreamAndAMissingStreamAreNotTakenForThisOne() {
        // Given
        LogStream.Reader reader = new LogStream.Reader(1);

        // When
        sent(11, "requests.hlog", HLOG).forEach(reader::accept);

        // Then
        assertThat(reader.file("requests.hlog")).isEmpty();
        assertThat(reader.problem("requests.hlog")).contains("injector 1 never sent requests.hlog (its stream never began)");
    }
}
