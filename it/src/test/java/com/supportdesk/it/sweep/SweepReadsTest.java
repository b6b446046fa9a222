package com.supportdesk.it.sweep;

import static com.supportdesk.it.sweep.CaseStory.bj;
import static com.supportdesk.it.sweep.SweepFixture.AMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.ids.Ids;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Severity;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The sweep reads the clocks that are due, not the open cases: with 5,000 open cases of which 20 are due,
 * a run reads 20 index entries and 20 cases, whatever the other 4,980 hold, and scans nothing.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepReadsTest {
    /** Monday 2026-03-02 20:30 in Beijing, 12:30 UTC: the middle of the 12:00 UTC bucket. */
    static final Instant T = bj("2026-03-02T20:30");

    static final int OPEN = 5_000;
    static final int DUE = 20;

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
    void aRunReadsTheDueClocksNotTheOpenCases(LocalAws aws) {
        SweepFixture world = new SweepFixture(aws, sns, T.minus(Duration.ofMinutes(20)));
        String tenant = "t-reads";
        // written by the repository itself, then copied under new ids: every copy has exactly the keys
        // the repository would give it. In the same hour bucket as the due ones, warning at 12:35 UTC...
        SupportCase later = world.store(CaseStory.technical(tenant, Severity.A, T.minus(Duration.ofMinutes(40)))
                .build());
        // ...and the due ones, warning at 12:25 UTC
        SupportCase due = world.store(CaseStory.technical(tenant, Severity.A, T.minus(Duration.ofMinutes(50)))
                .build());
        Map<String, AttributeValue> laterItem = item(world, later.caseId());
        Map<String, AttributeValue> dueItem = item(world, due.caseId());
        List<String> dueIds = new ArrayList<>(List.of(due.caseId()));
        List<Map<String, AttributeValue>> copies = new ArrayList<>();
        for (int i = 2; i < OPEN; i++) {
            boolean isDue = i <= DUE;
            String id = Ids.next("CS", 3);
            copies.add(isDue ? copy(dueItem, due.caseId(), id) : copy(laterItem, later.caseId(), id));
            if (isDue) {
                dueIds.add(id);
            }
        }
        batchWrite(world, copies);
        assertThat(dueIds).hasSize(DUE);

        // a first run recomputes every key under its policy (the first one ever does); nothing is due yet
        ReadCounter counter = new ReadCounter();
        var client = counter.client(aws.emulators());
        SweepReport first = world.sweep(client, world.publisher(), SweepFixture.settings(), SweepPolicy.defaults())
                .run(AMPLE_TIME);
        assertThat(first.rekeyItemsRead()).isEqualTo(OPEN);
        assertThat(first.rekeyed()).isZero();
        assertThat(first.events()).isEmpty();

        // twenty minutes on, twenty warnings are due
        world.clock.set(T);
        counter.reset();
        SweepReport run = world.sweep(client, world.publisher(), SweepFixture.settings(), SweepPolicy.defaults())
                .run(AMPLE_TIME);

        assertThat(run.events(CaseEventType.SLA_WARNING)).isEqualTo(DUE);
        assertThat(run.dueKeys()).isEqualTo(DUE);
        assertThat(counter.calls("Scan")).isZero();
        // index entries read: the due ones, not the 4,980 later ones in the same bucket
        assertThat(counter.scanned("byNextCheck")).isEqualTo(DUE);
        assertThat(run.indexItemsRead()).isEqualTo(DUE);
        assertThat(counter.queries).allMatch(q -> q.index().equals("byNextCheck"));
        // cases read: one GetItem each, plus the sweep's state item
        assertThat(counter.calls("GetItem")).isEqualTo(DUE + 1);
        assertThat(run.casesRead()).isEqualTo(DUE);
        for (String id : dueIds) {
            assertThat(world.sweepEntries(id)).as(id).hasSize(1);
        }
        assertThat(world.sweepEntries(later.caseId())).isEmpty();
    }

    private static Map<String, AttributeValue> item(SweepFixture world, String caseId) {
        return world.dynamo
                .getItem(b -> b.tableName(world.table)
                        .key(Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS("CASE"))))
                .item();
    }

    /** A stored case item under {@code newId}, every id-bearing attribute rewritten. */
    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> source, String sourceId, String newId) {
        Map<String, AttributeValue> item = new HashMap<>(source);
        item.replaceAll((name, value) -> value.s() != null && value.s().contains(sourceId)
                ? AttributeValue.fromS(value.s().replace(sourceId, newId))
                : value);
        return item;
    }

    private static void batchWrite(SweepFixture world, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(item).build())
                            .build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(world.table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = world.dynamo
                        .batchWriteItem(b -> b.requestItems(request))
                        .unprocessedItems();
            }
        }
    }
}
