package com.supportdesk.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.TestTemplates;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.testfunctions.ScheduleRecorder;
import com.supportdesk.runtime.FunctionEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules on a simulated clock that stands still unless the test moves it, so that no real minute
 * passing can add a run.
 */
class LocalScheduleTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:05Z");
    private static final String RULE =
            "arn:aws:events:us-east-1:000000000000:rule/support-desk-local-SweepFunctionSweep";

    private final AtomicLong nanos = new AtomicLong();
    private final SimulatedClock clock = SimulatedClock.startingAt(START, nanos::get);
    private final LocalFunction function = LocalFunction.load(
            TestTemplates.eventSources().function("SweepFunction").orElseThrow(),
            FunctionEnvironment.of(Map.of(), clock),
            getClass().getClassLoader(),
            Duration.ofSeconds(15),
            512,
            "arn:aws:lambda:us-east-1:000000000000:function:SweepFunction");
    private final ScheduleRecorder recorder = (ScheduleRecorder) function.handler();
    private LocalSchedule schedule;

    @AfterEach
    void stop() {
        if (schedule != null) {
            schedule.close();
        }
    }

    private void start(String rate) {
        schedule = LocalSchedule.start(
                function,
                new LocalSchedule.Settings("Sweep", ScheduleExpression.parse(rate), Optional.empty(), RULE),
                clock,
                "us-east-1",
                "000000000000");
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (schedule.busyWith().isPresent()) {
            assertThat(System.nanoTime() - deadline).as("still busy").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void nothingRunsBeforeTheFirstTick() throws Exception {
        start("rate(1 minute)");
        assertThat(schedule.nextTick()).isEqualTo(Instant.parse("2026-03-02T09:01:00Z"));
        clock.advance(Duration.ofSeconds(50));
        awaitIdle();
        assertThat(recorder.runs()).isEmpty();
    }

    @Test
    void advancingTheClockTenMinutesRunsTheFunctionOnceAtOnceAtTheNewTime() throws Exception {
        start("rate(1 minute)");
        Instant moved = clock.advance(Duration.ofMinutes(10));
        awaitIdle();

        assertThat(recorder.runs()).hasSize(1);
        ScheduledEvent event = recorder.runs().get(0).event();
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getAccount()).isEqualTo("000000000000");
        assertThat(event.getRegion()).isEqualTo("us-east-1");
        assertThat(event.getResources()).containsExactly(RULE);
        assertThat(event.getDetail()).isEmpty();
        assertThat(event.getTime().getMillis()).isEqualTo(moved.toEpochMilli());
        assertThat(recorder.runs().get(0).clockAtStart()).isEqualTo(moved);
        assertThat(schedule.nextTick()).isEqualTo(Instant.parse("2026-03-02T09:11:00Z"));

        clock.advance(Duration.ofMinutes(1));
        awaitIdle();
        assertThat(recorder.runs()).hasSize(2);
    }

    @Test
    void aRunStillGoingDelaysTheNextTickAndRunsNeverOverlap() throws Exception {
        start("rate(1 minute)");
        CountDownLatch release = recorder.holdNextRun();
        clock.advance(Duration.ofMinutes(1));
        assertThat(recorder.awaitHeld()).isTrue();

        // two more ticks pass while the first run is still going
        clock.advance(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(schedule.busyWith()).isPresent();
        release.countDown();
        awaitIdle();

        assertThat(recorder.runs()).hasSize(2);
        assertThat(recorder.mostAtOnce()).isEqualTo(1);
        assertThat(recorder.runs().get(1).clockAtStart()).isEqualTo(clock.instant());
    }

    @Test
    void movingTheClockBackBringsTheNextTickBackWithIt() throws Exception {
        start("rate(1 hour)");
        clock.set(Instant.parse("2026-03-01T09:30:00Z"));
        awaitIdle();
        assertThat(recorder.runs()).isEmpty();
        assertThat(schedule.nextTick()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        clock.advance(Duration.ofMinutes(30));
        awaitIdle();
        assertThat(recorder.runs()).hasSize(1);
    }

    @Test
    void anInputReplacesTheScheduledEvent() throws Exception {
        schedule = LocalSchedule.start(
                function,
                new LocalSchedule.Settings(
                        "Sweep",
                        ScheduleExpression.parse("rate(1 minute)"),
                        Optional.of("{\"source\":\"custom\",\"detail\":{\"k\":\"v\"}}"),
                        RULE),
                clock,
                "us-east-1",
                "000000000000");
        clock.advance(Duration.ofMinutes(1));
        awaitIdle();
        assertThat(recorder.runs()).singleElement().satisfies(run -> {
            assertThat(run.event().getSource()).isEqualTo("custom");
            assertThat(run.event().getDetail()).containsEntry("k", "v");
        });
    }
}
