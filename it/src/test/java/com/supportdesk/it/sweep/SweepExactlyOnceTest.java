package com.supportdesk.it.sweep;

import static com.supportdesk.it.sweep.CaseStory.bj;
import static com.supportdesk.it.sweep.SweepFixture.AMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.cases.CaseChecks;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.sweep.SlaSweep;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "Exactly once" under overlapping runs and crashes: every history entry and every notification request
 * once, however many sweeps run at once, and a run killed between its claim and its publish repaired by
 * the next one without losing or doubling anything.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepExactlyOnceTest {
    /** Monday 2026-03-02 20:00 in Beijing. */
    static final Instant T = bj("2026-03-02T20:00");

    static SnsStub sns;
    SweepFixture world;
    String tenant;

    @BeforeAll
    static void startSns() {
        sns = new SnsStub();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @BeforeEach
    void setUp(LocalAws aws) {
        world = new SweepFixture(aws, sns, T);
        tenant = "t-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void healSns() {
        sns.accept();
    }

    /** One case for every kind of entry, each due at T, and the requests each one must produce. */
    Map<SupportCase, Integer> everyKindDue() {
        Map<SupportCase, Integer> requests = new LinkedHashMap<>();
        // warning of a critical case: the support queue and on-call
        requests.put(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(50))).build(), 2);
        // breach (its warning is due too, and must not be sent): admin, queue, on-call
        requests.put(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(70))).build(), 3);
        // overdue follow-up: queue and on-call
        requests.put(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(300)))
                        .respond(T.minus(minutes(260)))
                        .build(),
                2);
        // downgrade notice: the admin
        requests.put(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(240)))
                        .respond(T.minus(minutes(210)))
                        .await(T.minus(minutes(200)))
                        .build(),
                1);
        // downgrade, whose notice is past: the admin
        requests.put(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(300)))
                        .respond(T.minus(minutes(270)))
                        .await(T.minus(minutes(250)))
                        .build(),
                1);
        // auto-close: the admin
        requests.put(
                CaseStory.billing(tenant, Severity.B, T.minus(Duration.ofDays(9)))
                        .respond(T.minus(Duration.ofDays(9)).plus(minutes(60)))
                        .resolve(T.minus(Duration.ofDays(7)).minus(minutes(15)))
                        .build(),
                1);
        return requests;
    }

    static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    @ParameterizedTest(name = "{0} sweeps at once")
    @ValueSource(ints = {2, 4})
    void sweepsStartedAtOnceRecordAndQueueEveryEventExactlyOnce(int sweeps) throws Exception {
        Map<SupportCase, Integer> expected = new LinkedHashMap<>();
        for (int copy = 0; copy < 3; copy++) {
            expected.putAll(everyKindDue());
        }
        expected.keySet().forEach(world::store);

        List<SweepReport> reports = atOnce(sweeps, i -> world.sweep());

        int entries = 0;
        for (Map.Entry<SupportCase, Integer> e : expected.entrySet()) {
            String caseId = e.getKey().caseId();
            List<CaseEvent> recorded = world.sweepEntries(caseId);
            assertThat(recorded).as(caseId).isNotEmpty();
            assertThat(recorded.stream()
                            .collect(Collectors.groupingBy(
                                    r -> r.type() + "@" + CaseChecks.dueAtOf(r).orElseThrow(), Collectors.counting()))
                            .values())
                    .as("each entry once: %s", caseId)
                    .containsOnly(1L);
            if (recorded.stream().anyMatch(r -> r.type() == CaseEventType.SLA_BREACHED)) {
                assertThat(recorded)
                        .as("no warning after the breach: %s", caseId)
                        .extracting(CaseEvent::type)
                        .doesNotContain(CaseEventType.SLA_WARNING);
            }
            entries += recorded.size();
            List<String> published = world.publishedIds(caseId);
            assertThat(published)
                    .as("requests of %s", caseId)
                    .hasSize(e.getValue())
                    .doesNotHaveDuplicates();
            assertThat(world.outbox(caseId)).as("outbox of %s", caseId).isEmpty();
        }
        assertThat(reports.stream()
                        .mapToInt(r -> r.events().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                        .sum())
                .as("entries recorded by all the sweeps together")
                .isEqualTo(entries);
        assertThat(reports.stream().mapToInt(SweepReport::published).sum())
                .isEqualTo(
                        expected.values().stream().mapToInt(Integer::intValue).sum());

        // and the next run has nothing left to do
        world.clock.advance(Duration.ofMinutes(1));
        SweepReport next = world.sweep().run(AMPLE_TIME);
        assertThat(next.events()).isEmpty();
        assertThat(next.published()).isZero();
    }

    @Test
    void everyKindOfEntryIsRecordedWithWhoWasTold() {
        List<SupportCase> cases = new ArrayList<>(everyKindDue().keySet());
        cases.forEach(world::store);
        world.sweep().run(AMPLE_TIME);

        assertThat(world.sweepEntries(cases.get(0).caseId()))
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(CaseEventType.SLA_WARNING))
                .satisfies(e -> assertThat(e.details()).containsEntry("notified", "SUPPORT_QUEUE,ON_CALL"));
        assertThat(world.sweepEntries(cases.get(1).caseId()))
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(CaseEventType.SLA_BREACHED))
                .satisfies(e ->
                        assertThat(e.details()).containsEntry("notified", "CASE_CONTACT:EMAIL,SUPPORT_QUEUE,ON_CALL"));
        assertThat(world.sweepEntries(cases.get(2).caseId()))
                .extracting(CaseEvent::type)
                .containsExactly(CaseEventType.FOLLOW_UP_OVERDUE);
        assertThat(world.sweepEntries(cases.get(3).caseId()))
                .extracting(CaseEvent::type)
                .containsExactly(CaseEventType.DOWNGRADE_NOTICE);
        SupportCase lowered = world.read(cases.get(4).caseId()).supportCase();
        assertThat(lowered.severity()).isEqualTo(Severity.B);
        assertThat(world.sweepEntries(lowered.caseId()))
                .extracting(CaseEvent::type)
                .containsExactly(CaseEventType.SEVERITY_DOWNGRADED);
        SupportCase closed = world.read(cases.get(5).caseId()).supportCase();
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(world.sns.publishedFor(closed.caseId())).singleElement().satisfies(p -> assertThat(p.attributes())
                .containsEntry("type", "CASE_AUTO_CLOSED"));
    }

    @Test
    void aSweepKilledBetweenItsClaimAndItsPublishIsRepairedByTheNextRunOnce() throws Exception {
        SupportCase breached = world.store(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(70))).build());
        NotificationPublisher killedOnPublish = request -> {
            throw new Killed();
        };
        SlaSweep dying = world.sweep(killedOnPublish, SweepFixture.settings(), SweepPolicy.defaults());
        assertThatThrownBy(() -> dying.run(AMPLE_TIME)).isInstanceOf(Killed.class);

        // claimed: the entry and its three requests are on the case, nothing reached SNS
        assertThat(world.sweepEntries(breached.caseId()))
                .extracting(CaseEvent::type)
                .containsExactly(CaseEventType.SLA_BREACHED);
        assertThat(world.outbox(breached.caseId())).hasSize(3);
        assertThat(world.publishedIds(breached.caseId())).isEmpty();

        // the next scheduled runs, two of them at once: each request published once, the entry not doubled
        world.clock.advance(Duration.ofMinutes(1));
        atOnce(2, i -> world.sweep());
        assertThat(world.publishedIds(breached.caseId())).hasSize(3).doesNotHaveDuplicates();
        assertThat(world.outbox(breached.caseId())).isEmpty();
        assertThat(world.sweepEntries(breached.caseId())).hasSize(1);

        world.clock.advance(Duration.ofMinutes(1));
        assertThat(world.sweep().run(AMPLE_TIME).published()).isZero();
        assertThat(world.publishedIds(breached.caseId())).hasSize(3);
    }

    @Test
    void requestsSnsRefusedStayInTheOutboxUntilARunPublishesThem() {
        SupportCase warned = world.store(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(50))).build());
        sns.fail();
        SweepReport refused = world.sweep().run(AMPLE_TIME);
        assertThat(refused.publishFailures()).isEqualTo(2);
        assertThat(world.outbox(warned.caseId())).hasSize(2);

        // still down a minute later: kept, and tried again
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(world.sweep().run(AMPLE_TIME).publishFailures()).isEqualTo(2);

        sns.accept();
        world.clock.advance(Duration.ofMinutes(1));
        SweepReport repaired = world.sweep().run(AMPLE_TIME);
        assertThat(repaired.published()).isEqualTo(2);
        assertThat(repaired.events()).isEmpty();
        assertThat(world.outbox(warned.caseId())).isEmpty();
        assertThat(world.publishedIds(warned.caseId())).hasSize(2).doesNotHaveDuplicates();
        assertThat(world.sweepEntries(warned.caseId())).hasSize(1);
    }

    @Test
    void aCaseTheSweepCannotHandleIsPostponedAndHoldsUpNoOther() {
        world.sweep().run(AMPLE_TIME); // the first run's recomputation of every key is behind us
        SupportCase broken = world.store(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(50))).build());
        SupportCase fine = world.store(
                CaseStory.technical(tenant, Severity.A, T.minus(minutes(50))).build());
        // written by hand around the repository: severity A on a billing case, which no policy allows
        world.dynamo.updateItem(b -> b.tableName(world.table)
                .key(Map.of("pk", AttributeValue.fromS("CASE#" + broken.caseId()), "sk", AttributeValue.fromS("CASE")))
                .updateExpression("SET category = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("BILLING"))));

        SweepReport run = world.sweep().run(AMPLE_TIME);
        assertThat(run.errors()).isEqualTo(1);
        assertThat(world.sweepEntries(fine.caseId())).hasSize(1);
        String postponed = world.dynamo
                .getItem(b -> b.tableName(world.table)
                        .key(Map.of(
                                "pk",
                                AttributeValue.fromS("CASE#" + broken.caseId()),
                                "sk",
                                AttributeValue.fromS("CASE"))))
                .item()
                .get("checkKey")
                .s();
        assertThat(postponed).startsWith(T.plus(minutes(5)).toString().replace("Z", ".000Z"));
    }

    /** Starts {@code n} sweeps at the same moment, as overlapping scheduled invocations would. */
    private static List<SweepReport> atOnce(int n, Function<Integer, SlaSweep> sweep) throws Exception {
        List<SlaSweep> sweeps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sweeps.add(sweep.apply(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SweepReport>> runs = new ArrayList<>();
            for (SlaSweep s : sweeps) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return s.run(AMPLE_TIME);
                }));
            }
            go.countDown();
            List<SweepReport> reports = new ArrayList<>();
            for (Future<SweepReport> run : runs) {
                reports.add(run.get());
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a Lambda timeout or a killed container looks like from inside: nothing after this point runs. */
    static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }
}
