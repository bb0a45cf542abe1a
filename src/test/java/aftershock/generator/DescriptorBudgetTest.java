package aftershock.generator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptorBudgetTest {

    @Test
    void aLimitWithRoomForTheConnectionsReserveAndReportsPasses() {
        assertThat(DescriptorBudget.shortfall(1024, 180, 64, 128)).isEmpty();
    }

    @Test
    void aLimitTooLowForThePlannedConnectionsSaysHowToRaiseIt() {
        // Given an unbounded pool at 1,000 users/s with a 5 s timeout: up to 5,000 connections, under ulimit -n 256
        String line = DescriptorBudget.shortfall(256, 180, 64, 5000).orElseThrow();

        assertThat(line).startsWith("the load generator may need 5500 file descriptors (5000 connections, 180 open now,"
                + " 64 in reserve, 256 for the reports) but its limit is 256: raise it with 'ulimit -n 11264'");
        assertThat(line).endsWith("or lower the rate or aftershock.target.request-timeout");
    }

    @Test
    void classifiesGatlingsKoMessagesForTheGeneratorsOwnFailures() {
        assertThat(KoCauses.classify("i.n.c.u.Errors$NativeIoException: newSocketStream(..) failed with error(-24):"
                + " Too many open files")).contains(aftershock.verdict.GeneratorError.DESCRIPTORS_EXHAUSTED);
        assertThat(KoCauses.classify("connect(..) failed: Cannot assign requested address"))
                .contains(aftershock.verdict.GeneratorError.LOCAL_PORTS_EXHAUSTED);
        assertThat(KoCauses.classify("i.n.c.AbstractChannel$AnnotatedConnectException: connect(..) failed:"
                + " Connection refused: /127.0.0.1:8080")).isEmpty();
        assertThat(KoCauses.classify("status.find.in(200,...,304), but actually found 503")).isEmpty();
    }
}
