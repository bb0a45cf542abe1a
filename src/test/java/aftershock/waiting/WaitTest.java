package aftershock.waiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WaitTest {

    private final AtomicInteger probes = new AtomicInteger();

    @Test
    void aConditionThatNeverHoldsTimesOutSayingWhatWasAwaitedWhatWasLastSeenAndWhatToDo() {
        // Given a counter that never reaches 1000
        Wait<Integer> wait = Wait.forValue("the counter to reach 1000", probes::incrementAndGet, n -> n >= 1000)
                .seenAs(n -> "count " + n)
                .atMost(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(50))
                .onTimeout(() -> "reset the counter");
        long started = System.nanoTime();

        // When we wait for it
        Throwable thrown = catchThrowable(wait::await);

        // Then the wait gives up after its time, and the message has the three parts, the last value the fresh one
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        assertThat(thrown).isInstanceOf(WaitTimeoutException.class).isInstanceOf(IllegalStateException.class)
                .hasMessage("timed out after 300 ms waiting for the counter to reach 1000: last seen count " + probes.get()
                        + "; reset the counter");
        assertThat(probes.get()).isGreaterThan(2);
    }

    @Test
    void returnsTheAcceptedValueOnceItHolds() {
        Integer value = Wait.forValue("three probes", probes::incrementAndGet, n -> n >= 3)
                .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .await();

        assertThat(value).isEqualTo(3);
        assertThat(probes).hasValue(3);
    }

    @Test
    void theFirstProbeRunsAtOnceNotAfterAPollInterval() {
        // Given a condition that already holds and a long poll interval
        long started = System.nanoTime();

        // When we wait for it
        Wait.forValue("something already true", () -> true, ok -> ok)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(5))
                .await();

        // Then the wait did not sleep first
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFailFastCheckThatThrowsStopsTheWaitAtOnceWithItsOwnException() {
        // Given a process that dies after the second probe
        AtomicBoolean dead = new AtomicBoolean();
        Wait<Integer> wait = Wait.forValue("a process that will die to answer", () -> {
                    int n = probes.incrementAndGet();
                    dead.set(n >= 2);
                    return n;
                }, n -> false)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .failFast(() -> {
                    if (dead.get()) {
                        throw new IllegalArgumentException("unknown defect 'no-fallbak'");
                    }
                });
        long started = System.nanoTime();

        // When we wait
        Throwable thrown = catchThrowable(wait::await);

        // Then the check's own exception arrives long before the timeout, and no probe ran after it
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("unknown defect 'no-fallbak'");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(probes).hasValue(2);
    }

    @Test
    void anExceptionFromTheProbeEndsTheWaitWithThatException() {
        Wait<Integer> wait = Wait.<Integer>forValue("a probe that breaks", () -> {
            throw new UnsupportedOperationException("probe broke");
        }, n -> true).atMost(Duration.ofSeconds(30));

        assertThatThrownBy(wait::await).isExactlyInstanceOf(UnsupportedOperationException.class).hasMessage("probe broke");
    }

    @Test
    void awaitOutcomeReturnsTheLastValueSeenInsteadOfThrowing() {
        Wait.Outcome<Integer> outcome = Wait.forValue("the counter to reach 1000", probes::incrementAndGet, n -> n >= 1000)
                .atMost(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(20))
                .awaitOutcome();

        assertThat(outcome.met()).isFalse();
        assertThat(outcome.last()).isEqualTo(probes.get()).isGreaterThan(1);
    }

    @Test
    void whenTheTimeIsUpTheProbeRunsOnceMore() {
        // Given a probe that becomes true at its fifth run, five polls of 200 ms apart being 800 ms
        Wait.Outcome<Integer> outcome = Wait.forValue("the fifth probe", probes::incrementAndGet, n -> n >= 5)
                .atMost(Duration.ofMillis(800)).pollInterval(Duration.ofMillis(200))
                .awaitOutcome();

        // Then runs at 0, 200, 400, 600 ms and the last check at 800 ms see it
        assertThat(outcome.met()).isTrue();
        assertThat(probes).hasValue(5);
    }

    @Test
    void noTimeLeftMeansOneCheck() {
        Wait<Integer> wait = Wait.forValue("the counter to reach 1000", probes::incrementAndGet, n -> n >= 1000)
                .atMost(Duration.ZERO)
                .onTimeout(() -> "nothing to do");

        assertThatThrownBy(wait::await).isInstanceOf(WaitTimeoutException.class)
                .hasMessage("timed out after 0 s waiting for the counter to reach 1000: last seen 1; nothing to do");
        assertThat(probes).hasValue(1);
    }

    @Test
    void anInterruptedWaitStopsPromptlyAndKeepsTheInterruptFlag() throws Exception {
        // Given a wait of up to a minute on another thread, probing every 100 ms
        CountDownLatch probing = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagSetAfterwards = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                Wait.forValue("something that never happens", () -> {
                    probing.countDown();
                    return false;
                }, ok -> ok).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).await();
            } catch (RuntimeException e) {
                thrown.set(e);
                flagSetAfterwards.set(Thread.currentThread().isInterrupted());
            }
        }, "waiter");
        waiter.start();
        assertThat(probing.await(10, TimeUnit.SECONDS)).isTrue();

        // When it is interrupted (Ctrl-C, shutdown)
        long interruptedAt = System.nanoTime();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));

        // Then it stops within a poll interval or so, says so, and leaves the interrupt flag set
        assertThat(waiter.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(thrown.get()).isInstanceOf(WaitInterruptedException.class)
                .hasMessage("interrupted while waiting for something that never happens (last seen false)");
        assertThat(flagSetAfterwards).isTrue();
    }

    @Test
    void anInterruptedOutcomeKeepsTheLastValueAndTheFlag() throws Exception {
        AtomicReference<Wait.Outcome<Integer>> outcome = new AtomicReference<>();
        AtomicBoolean flagSetAfterwards = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            Thread.currentThread().interrupt();
            outcome.set(Wait.forValue("the counter to reach 1000", probes::incrementAndGet, n -> n >= 1000)
                    .atMost(Duration.ofMinutes(1)).awaitOutcome());
            flagSetAfterwards.set(Thread.currentThread().isInterrupted());
        }, "waiter");

        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome.get()).isEqualTo(new Wait.Outcome<>(false, 1));
        assertThat(flagSetAfterwards).isTrue();
    }

    @Test
    void durationsReadAsSecondsOrMilliseconds() {
        assertThat(Wait.readable(Duration.ofSeconds(20))).isEqualTo("20 s");
        assertThat(Wait.readable(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
