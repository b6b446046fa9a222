package com.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SimulatedClock clock = SimulatedClock.startingAt(START, nanos::get);

    @Test
    void startsAtTheGivenInstantAndRunsWithTime() {
        assertThat(clock.instant()).isEqualTo(START);
        nanos.addAndGet(Duration.ofSeconds(90).toNanos());
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(90).toEpochMilli());
    }

    @Test
    void listenersHearEveryMoveButNotThePassingOfTime() {
        List<Instant> heard = new ArrayList<>();
        ((SimulatedClock) clock.withZone(ZoneId.of("Asia/Shanghai"))).onMove(heard::add);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        Instant advanced = clock.advance(Duration.ofMinutes(10));
        Instant set = clock.set(START);
        assertThat(heard).containsExactly(advanced, set);
    }

    @Test
    void advanceMovesForwardAndKeepsRunning() {
        assertThat(clock.advance(Duration.ofHours(2))).isEqualTo(START.plus(Duration.ofHours(2)));
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)).plusSeconds(60));
    }

    @Test
    void setPutsTheClockAnywhereAndNegativeAdvanceIsRefused() {
        Instant earlier = Instant.parse("2025-12-31T23:59:00Z");
        clock.set(earlier);
        assertThat(clock.instant()).isEqualTo(earlier);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zonedViewsShareTheSameTime() {
        var tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
        clock.advance(Duration.ofDays(1));
        assertThat(tokyo.instant()).isEqualTo(START.plus(Duration.ofDays(1)));
        assertThat(tokyo.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(clock.withZone(clock.getZone())).isSameAs(clock);
    }

    @Test
    void concurrentAdvancesAreNotLost() throws Exception {
        SimulatedClock frozen = SimulatedClock.startingAt(START, () -> 0L);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(pool.submit(() -> frozen.advance(Duration.ofSeconds(1))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(frozen.instant()).isEqualTo(START.plusSeconds(1000));
    }

    @Test
    void realClockMovesForward() throws InterruptedException {
        SimulatedClock real = SimulatedClock.startingAt(START);
        Thread.sleep(20);
        assertThat(real.instant()).isAfter(START);
    }
}
