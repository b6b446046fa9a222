package com.supportdesk.cases;

import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.runtime.Log;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What the SLA sweep reads and writes in {@code CasesTable} besides whole-case writes (those go through
 * {@link CaseRepository#update}, so every case write keeps one shape):
 * <ul>
 *   <li>the sparse {@code byNextCheck} index: per UTC hour bucket, the keys of the cases whose next
 *       check is due (keys only, time order), and index-only updates of a case's next check;</li>
 *   <li>a short lease on a case's outbox, taken before publishing again what another writer left there;</li>
 *   <li>one case item by key (a consistent GetItem: the case and its outbox, not its messages);</li>
 *   <li>the sweep's state item ({@code pk = SWEEP#sla}): the watermark (the oldest hour bucket that may
 *       still hold due keys) and which policy the index keys were last all computed under;</li>
 *   <li>pages of the active cases through {@code byStatus}, to recompute every key after a policy change.</li>
 * </ul>
 * No Scan, no transaction.
 */
public final class CaseSweepStore {
    static final String NEXT_CHECK_INDEX = "byNextCheck";
    static final String STATUS_INDEX = "byStatus";
    static final String CHECK_BUCKET = "checkBucket";
    static final String CHECK_KEY = "checkKey";
    static final String STATE_PK = "SWEEP#sla";
    static final String STATE_SK = "STATE";

    /** One due entry of the index: a case whose next check is at {@code checkAt}. */
    public record DueKey(String caseId, Instant checkAt, String bucket) {}

    /** Where a paged query goes on; opaque to callers. */
    public record Cursor(Map<String, AttributeValue> key) {
        public Cursor {
            key = Map.copyOf(key);
        }
    }

    /** A page of due keys, with the number of index items the query read. */
    public record DuePage(List<DueKey> keys, Optional<Cursor> next, int itemsRead) {}

    /**
     * A case as the sweep reads it: the case, its outbox, and the sweep-index key it is stored under.
     *
     * @param checkAt the next check its index entry holds; empty when it is not in the index
     */
    public record CaseRow(SupportCase supportCase, Map<String, NotificationRequest> outbox, Optional<Instant> checkAt) {
        public CaseRow {
            outbox = Map.copyOf(outbox);
        }
    }

    /** A page of cases in one status, with the number of items the query read. */
    public record CasePage(List<CaseRow> cases, Optional<Cursor> next, int itemsRead) {}

    /**
     * A recomputation of every active case's index key that is under way.
     *
     * @param policy the fingerprint of the policy it computes under
     * @param status the status partition it is in
     * @param start  where in that partition it goes on
     */
    public record Rekey(String policy, CaseStatus status, Optional<Cursor> start) {}

    /**
     * The sweep's state.
     *
     * @param watermark the oldest hour bucket that may still hold due keys; empty before the first run
     * @param indexedUnder the fingerprint of the policy every index key was last computed under
     * @param rekey a recomputation under way
     */
    public record State(Optional<String> watermark, Optional<String> indexedUnder, Optional<Rekey> rekey) {}

    private final DynamoDbClient dynamo;
    private final String table;

    public CaseSweepStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    // ------------------------------------------------------------------ buckets

    /** The hour bucket of an instant: the partition of the index its checks fall in. */
    public static String bucketOf(Instant instant) {
        return SortableTime.hourBucket(instant);
    }

    /**
     * The sweep-index attributes of a case whose next check is {@code at}: partition {@code checkBucket} =
     * the UTC hour ({@code 2026-03-02T09}), sort key {@code checkKey} = {@code <sortable instant>#<caseId>},
     * so one bucket reads in time order and a key is unique per case. The one place this format is built.
     */
    static Map<String, AttributeValue> checkAttributes(String caseId, Instant at) {
        return Map.of(CHECK_BUCKET, s(bucketOf(at)), CHECK_KEY, s(SortableTime.format(at) + "#" + caseId));
    }

    /** The first instant of a bucket. */
    public static Instant startOf(String bucket) {
        return LocalDateTime.parse(bucket + ":00:00").toInstant(ZoneOffset.UTC);
    }

    /** The bucket after {@code bucket}. */
    public static String following(String bucket) {
        return bucketOf(startOf(bucket).plus(Duration.ofHours(1)));
    }

    // ------------------------------------------------------------------ the index

    /**
     * The due keys of one bucket, oldest first: {@code checkKey <= upTo}, so the query reads only the
     * checks that are due, however many later ones the bucket holds.
     */
    public DuePage due(String bucket, Instant upTo, int limit, Optional<Cursor> start) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(NEXT_CHECK_INDEX)
                .keyConditionExpression("#b = :b AND #k <= :k")
                .expressionAttributeNames(Map.of("#b", CHECK_BUCKET, "#k", CHECK_KEY))
                .expressionAttributeValues(
                        Map.of(":b", s(bucket), ":k", s(SortableTime.format(upTo) + "#~"))) // '~' sorts after every id
                .scanIndexForward(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .limit(limit);
        start.ifPresent(c -> query.exclusiveStartKey(c.key()));
        QueryResponse page = dynamo.query(query.build());
        List<DueKey> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            String key = Attributes.string(item, CHECK_KEY);
            int separator = key.indexOf('#');
            keys.add(new DueKey(
                    key.substring(separator + 1),
                    Instant.parse(key.substring(0, separator)),
                    Attributes.string(item, CHECK_BUCKET)));
        }
        return new DuePage(keys, next(page), itemsRead(page));
    }

    /**
     * Points a case's index entry at {@code check} (or takes the case out of the index when empty), if
     * the case is still at {@code version} and, when {@code outboxEmpty}, has nothing left in its outbox.
     *
     * @return false when the case changed since: its writer stored a key of its own
     */
    public boolean setCheck(String caseId, long version, Optional<Instant> check, boolean outboxEmpty) {
        Map<String, String> names = new HashMap<>(Map.of("#b", CHECK_BUCKET, "#k", CHECK_KEY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", n(version)));
        String condition = "version = :v";
        if (outboxEmpty) {
            names.put("#o", "outbox");
            values.put(":zero", n(0));
            condition += " AND (attribute_not_exists(#o) OR size(#o) = :zero)";
        }
        String update;
        if (check.isPresent()) {
            Map<String, AttributeValue> key = checkAttributes(caseId, check.get());
            values.put(":b", key.get(CHECK_BUCKET));
            values.put(":k", key.get(CHECK_KEY));
            update = "SET #b = :b, #k = :k";
        } else {
            update = "REMOVE #b, #k";
        }
        return conditionalUpdate(UpdateItemRequest.builder()
                .tableName(table)
                .key(caseKey(caseId))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    /** Moves the index entry of a case the sweep could not handle to {@code retryAt}, whatever its version. */
    public boolean postpone(String caseId, Instant retryAt) {
        return conditionalUpdate(UpdateItemRequest.builder()
                .tableName(table)
                .key(caseKey(caseId))
                .updateExpression("SET #b = :b, #k = :k")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#b", CHECK_BUCKET, "#k", CHECK_KEY, "#pk", CaseRepository.PK))
                .expressionAttributeValues(Map.of(
                        ":b",
                        checkAttributes(caseId, retryAt).get(CHECK_BUCKET),
                        ":k",
                        checkAttributes(caseId, retryAt).get(CHECK_KEY)))
                .build());
    }

    /**
     * Takes the right to publish again what a case's outbox holds, until {@code until}: of any number of
     * runs that find the same stale requests at once, one publishes them. The lease lives on the case item
     * only until its next write, which is long after it expired.
     *
     * @return false while another run holds it
     */
    public boolean leaseRepair(String caseId, Instant now, Instant until) {
        return conditionalUpdate(UpdateItemRequest.builder()
                .tableName(table)
                .key(caseKey(caseId))
                .updateExpression("SET #l = :until")
                .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#l) OR #l <= :now)")
                .expressionAttributeNames(Map.of("#l", "repairLease", "#pk", CaseRepository.PK))
                .expressionAttributeValues(
                        Map.of(":until", s(SortableTime.format(until)), ":now", s(SortableTime.format(now))))
                .build());
    }

    // ------------------------------------------------------------------ cases

    /** The case item alone (no messages), read consistently. */
    public Optional<CaseRow> read(String caseId) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).consistentRead(true).key(caseKey(caseId)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(row(item));
    }

    /** One page of the cases in {@code status}, whole (the index projects every attribute). */
    public CasePage byStatus(CaseStatus status, int limit, Optional<Cursor> start) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(STATUS_INDEX)
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "caseStatus"))
                .expressionAttributeValues(Map.of(":s", s(status.name())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .limit(limit);
        start.ifPresent(c -> query.exclusiveStartKey(c.key()));
        QueryResponse page = dynamo.query(query.build());
        List<CaseRow> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            try {
                rows.add(row(item));
            } catch (RuntimeException e) {
                // one unreadable item must not stop the pages behind it; the due pass postpones it when due
                Log.error(
                        "sla_sweep_unreadable_case",
                        Map.of(
                                "pk",
                                String.valueOf(Attributes.string(item, CaseRepository.PK)),
                                "exception",
                                e.getClass().getName()),
                        e);
            }
        }
        return new CasePage(rows, next(page), itemsRead(page));
    }

    private static CaseRow row(Map<String, AttributeValue> item) {
        String key = Attributes.string(item, CHECK_KEY);
        return new CaseRow(
                CaseRepository.fromItem(item),
                CaseRepository.outboxOf(item),
                key == null ? Optional.empty() : Optional.of(Instant.parse(key.substring(0, key.indexOf('#')))));
    }

    // ------------------------------------------------------------------ the sweep's state

    public State state() {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).consistentRead(true).key(stateKey()))
                .item();
        if (item == null || item.isEmpty()) {
            return new State(Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Rekey> rekey = Attributes.optionalString(item, "rekeyPolicy")
                .map(policy -> new Rekey(
                        policy,
                        CaseStatus.valueOf(Attributes.string(item, "rekeyStatus")),
                        Optional.ofNullable(Attributes.map(item, "rekeyStart")).map(Cursor::new)));
        return new State(
                Attributes.optionalString(item, "watermark"), Attributes.optionalString(item, "indexedUnder"), rekey);
    }

    /** Moves the watermark forward to {@code bucket}; never back, whatever concurrent runs do. */
    public void advanceWatermark(String bucket) {
        conditionalUpdate(UpdateItemRequest.builder()
                .tableName(table)
                .key(stateKey())
                .updateExpression("SET #w = :w")
                .conditionExpression("attribute_not_exists(#w) OR #w < :w")
                .expressionAttributeNames(Map.of("#w", "watermark"))
                .expressionAttributeValues(Map.of(":w", s(bucket)))
                .build());
    }

    /** Records how far a recomputation of the index keys has come. */
    public void saveRekey(Rekey rekey) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", s(rekey.policy()));
        values.put(":s", s(rekey.status().name()));
        String update = "SET rekeyPolicy = :p, rekeyStatus = :s";
        if (rekey.start().isPresent()) {
            values.put(":k", AttributeValue.fromM(rekey.start().get().key()));
            update += ", rekeyStart = :k";
        } else {
            update += " REMOVE rekeyStart";
        }
        String expression = update;
        dynamo.updateItem(b ->
                b.tableName(table).key(stateKey()).updateExpression(expression).expressionAttributeValues(values));
    }

    /** Every active case's key is now computed under {@code policy}. */
    public void rekeyDone(String policy) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(stateKey())
                .updateExpression("SET indexedUnder = :p REMOVE rekeyPolicy, rekeyStatus, rekeyStart")
                .expressionAttributeValues(Map.of(":p", s(policy))));
    }

    // ------------------------------------------------------------------ plumbing

    private boolean conditionalUpdate(UpdateItemRequest request) {
        try {
            dynamo.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> caseKey(String caseId) {
        return Map.of(
                CaseRepository.PK,
                s(CaseRepository.CASE_PREFIX + caseId),
                CaseRepository.SK,
                s(CaseRepository.CASE_SK));
    }

    private static Map<String, AttributeValue> stateKey() {
        return Map.of(CaseRepository.PK, s(STATE_PK), CaseRepository.SK, s(STATE_SK));
    }

    private static Optional<Cursor> next(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(new Cursor(page.lastEvaluatedKey()))
                : Optional.empty();
    }

    private static int itemsRead(QueryResponse page) {
        return page.scannedCount() == null ? page.count() : page.scannedCount();
    }
}
