package com.supportdesk.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    @Test
    void ratesInMinutesHoursAndDays() {
        assertThat(ScheduleExpression.parse("rate(1 minute)").period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ScheduleExpression.parse(" rate(15 minutes) ").period()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ScheduleExpression.parse("rate(1 hour)").period()).isEqualTo(Duration.ofHours(1));
        assertThat(ScheduleExpression.parse("rate(6 hours)").period()).isEqualTo(Duration.ofHours(6));
        assertThat(ScheduleExpression.parse("rate(1 day)").period()).isEqualTo(Duration.ofDays(1));
        assertThat(ScheduleExpression.parse("rate(7 days)").period()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void whatEventBridgeRefusesIsRefused() {
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 minute)")).hasMessageContaining("plural");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)")).hasMessageContaining("singular");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 week)")).hasMessageContaining("expected rate(");
        assertThatThrownBy(() -> ScheduleExpression.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cronIsRefusedWithAMessageThatSaysSo() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 * * ? *)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate(...) schedules only")
                .hasMessageContaining("cron(0 9 * * ? *)");
    }

    @Test
    void ticksAreWholeMultiplesOfThePeriod() {
        ScheduleExpression minute = ScheduleExpression.parse("rate(1 minute)");
        assertThat(minute.tickAfter(Instant.parse("2026-03-02T09:00:05.250Z")))
                .isEqualTo(Instant.parse("2026-03-02T09:01:00Z"));
        // strictly after: a tick is not its own next tick
        assertThat(minute.tickAfter(Instant.parse("2026-03-02T09:01:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T09:02:00Z"));
        assertThat(ScheduleExpression.parse("rate(6 hours)").tickAfter(Instant.parse("2026-03-02T13:59:59Z")))
                .isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
        assertThat(ScheduleExpression.parse("rate(1 day)").tickAfter(Instant.parse("2026-12-31T23:59:59.999Z")))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(minute.tickAfter(Instant.parse("1969-12-31T23:59:30Z"))).isEqualTo(Instant.EPOCH);
    }
}
