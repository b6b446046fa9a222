package com.supportdesk.it.sweep;

import static com.supportdesk.it.sweep.CaseStory.bj;
import static com.supportdesk.it.sweep.SweepFixture.AMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After hours without a sweep the backlog is worked off oldest first, a page at a time within the time a
 * run has, without duplicates; and a warning whose breach is also due is never sent after the breach.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepBacklogTest {
    /** Monday 2026-03-02 09:00 in Beijing: the last run before the outage. */
    static final Instant T0 = bj("2026-03-02T09:00");

    static SnsStub sns;

    @BeforeAll
    static void startSns() {
        sns = new SnsStub();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @Test
    void aBacklogIsWorkedOffOldestFirstWithinEachRunsTimeAndNothingTwice(LocalAws aws) {
        SweepFixture world = new SweepFixture(aws, sns, T0);
        world.sweep().run(AMPLE_TIME); // the watermark and the index are current before the outage

        // critical cases opened an hour apart, none answered: their warnings and breaches fall in different hours
        List<SupportCase> opened = new ArrayList<>();
        for (int hour = 0; hour < 5; hour++) {
            opened.add(world.store(CaseStory.technical("t-backlog", Severity.A, T0.plus(Duration.ofHours(hour)))
                    .build()));
        }
        // six hours without a sweep; then each run has time for two cases (three requests per breach)
        world.clock.set(T0.plus(Duration.ofHours(6)));
        AtomicInteger published = new AtomicInteger();
        NotificationPublisher sns = world.publisher();
        NotificationPublisher counting = request -> {
            sns.publish(request);
            published.incrementAndGet();
        };
        AtomicInteger allowance = new AtomicInteger(6);
        Supplier<Duration> twoCases = () -> published.get() >= allowance.get() ? Duration.ZERO : Duration.ofMinutes(1);

        SweepReport first = world.sweep(counting, SweepFixture.settings(), SweepPolicy.defaults())
                .run(twoCases);
        assertThat(first.leftForNextRun()).isTrue();
        assertThat(first.events(CaseEventType.SLA_BREACHED)).isEqualTo(2);
        assertThat(first.backlogAge()).isGreaterThan(Duration.ofHours(5));
        assertThat(breached(world, opened)).containsExactly(true, true, false, false, false);
        // the oldest bucket not yet emptied stays the next run's start
        assertThat(first.watermark()).isLessThanOrEqualTo(CaseSweepStore.bucketOf(T0.plus(Duration.ofHours(2))));

        world.clock.advance(Duration.ofMinutes(1));
        allowance.addAndGet(6);
        SweepReport second = world.sweep(counting, SweepFixture.settings(), SweepPolicy.defaults())
                .run(twoCases);
        assertThat(second.events(CaseEventType.SLA_BREACHED)).isEqualTo(2);
        assertThat(breached(world, opened)).containsExactly(true, true, true, true, false);

        world.clock.advance(Duration.ofMinutes(1));
        SweepReport third = world.sweep(counting, SweepFixture.settings(), SweepPolicy.defaults())
                .run(AMPLE_TIME);
        assertThat(third.leftForNextRun()).isFalse();
        assertThat(breached(world, opened)).containsOnly(true);

        for (SupportCase c : opened) {
            // the warning fell due first but its breach was due too when the sweep came: the breach alone
            assertThat(world.sweepEntries(c.caseId()))
                    .extracting(CaseEvent::type)
                    .containsExactly(CaseEventType.SLA_BREACHED);
            assertThat(world.publishedIds(c.caseId())).hasSize(3).doesNotHaveDuplicates();
        }
        world.clock.advance(Duration.ofMinutes(1));
        SweepReport after = world.sweep().run(AMPLE_TIME);
        assertThat(after.dueKeys()).isZero();
        assertThat(after.watermark())
                .isEqualTo(CaseSweepStore.bucketOf(world.clock.instant().minus(Duration.ofMinutes(5))));
    }

    private static List<Boolean> breached(SweepFixture world, List<SupportCase> cases) {
        return cases.stream()
                .map(c -> world.sweepEntries(c.caseId()).stream().anyMatch(e -> e.type() == CaseEventType.SLA_BREACHED))
                .toList();
    }
}
