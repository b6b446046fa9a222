package com.supportdesk.reports;

import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.persistence.Attributes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The SLA report's daily aggregates in the cases table (decision 0016): one item per report day, tenant,
 * severity (as opened) and category, {@code pk = REPORT#<yyyy-mm-dd>}, {@code sk = <tenant>#<severity>#<category>},
 * holding counters and the {@code applied} string set of the fact ids it has counted.
 *
 * <p>A fact is applied with one UpdateItem that ADDs its amounts and its id to {@code applied}, on the
 * condition that {@code applied} does not hold the id yet: claim and count are one atomic write, so a fact
 * derived again, delivered twice or applied by two consumers at once counts once, without transactions
 * (dynalite has none). A report reads one Query per day, projecting the counters only.
 */
public final class SlaReportStore {
    static final String PK_PREFIX = "REPORT#";
    static final String APPLIED = "applied";
    /** Aggregates are kept three years and then expire through the table's TTL. */
    static final Duration KEEP = Duration.ofDays(3 * 366);

    private final DynamoDbClient dynamo;
    private final String table;

    public SlaReportStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The counters of one day's aggregate. */
    public record DayRow(ReportKey key, Map<String, Long> counters) {
        public DayRow {
            counters = Map.copyOf(counters);
        }

        public long get(String counter) {
            return counters.getOrDefault(counter, 0L);
        }
    }

    /** What a read returned, and how many items it read (the report's cost). */
    public record DayRows(List<DayRow> rows, int itemsRead, int queries) {}

    static String pk(LocalDate day) {
        return PK_PREFIX + day;
    }

    /**
     * Applies facts that are not counted yet. All facts of a case share one key, so the usual case is one
     * UpdateItem for all of them; when some are already counted, each is applied on its own. Returns how
     * many facts this call counted.
     */
    public int apply(List<ReportFact> facts) {
        Map<ReportKey, List<ReportFact>> byKey = new LinkedHashMap<>();
        facts.forEach(
                f -> byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f));
        int counted = 0;
        for (Map.Entry<ReportKey, List<ReportFact>> group : byKey.entrySet()) {
            List<ReportFact> pending = group.getValue();
            if (pending.size() > 1 && update(group.getKey(), pending)) {
                counted += pending.size();
                continue;
            }
            for (ReportFact fact : pending) {
                if (update(group.getKey(), List.of(fact))) {
                    counted++;
                }
            }
        }
        return counted;
    }

    /** One conditional UpdateItem counting all {@code facts} (of one key), or none when any is counted. */
    private boolean update(ReportKey key, List<ReportFact> facts) {
        Map<String, Long> sums = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (ReportFact fact : facts) {
            ids.add(fact.id());
            fact.add().forEach((counter, amount) -> sums.merge(counter, amount, Long::sum));
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> sum : sums.entrySet()) {
            names.put("#c" + i, sum.getKey());
            values.put(":c" + i, n(sum.getValue()));
            adds.add("#c" + i + " :c" + i);
            i++;
        }
        names.put("#applied", APPLIED);
        values.put(":ids", AttributeValue.fromSs(ids));
        adds.add("#applied :ids");
        List<String> notYet = new ArrayList<>();
        for (int f = 0; f < ids.size(); f++) {
            values.put(":f" + f, s(ids.get(f)));
            notYet.add("NOT contains(#applied, :f" + f + ")");
        }
        names.put("#tenant", "tenantId");
        names.put("#severity", "severity");
        names.put("#category", "category");
        names.put("#day", "day");
        names.put("#expires", "expiresAt");
        values.put(":tenant", s(key.tenantId()));
        values.put(":severity", s(key.severity().name()));
        values.put(":category", s(key.category().name()));
        values.put(":day", s(key.day().toString()));
        values.put(
                ":expires",
                n(key.day().atStartOfDay(ReportKey.ZONE).toInstant().plus(KEEP).getEpochSecond()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", s(pk(key.day())), "sk", s(key.dimensions())))
                    .updateExpression("ADD " + String.join(", ", adds)
                            + " SET #tenant = :tenant, #severity = :severity, #category = :category, #day = :day,"
                            + " #expires = :expires")
                    .conditionExpression("attribute_not_exists(#applied) OR (" + String.join(" AND ", notYet) + ")")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException counted) {
            return false;
        }
    }

    /**
     * The aggregates of the days {@code from}..{@code to}, of one tenant or all: one Query per day (its
     * partition), the counters only, never the {@code applied} set.
     */
    public DayRows read(LocalDate from, LocalDate to, Optional<String> tenantId) {
        List<String> projected = new ArrayList<>(List.of("#tenant", "#severity", "#category"));
        Map<String, String> names = new HashMap<>();
        names.put("#tenant", "tenantId");
        names.put("#severity", "severity");
        names.put("#category", "category");
        List<String> counters = counterNames();
        for (int i = 0; i < counters.size(); i++) {
            names.put("#n" + i, counters.get(i));
            projected.add("#n" + i);
        }
        List<DayRow> rows = new ArrayList<>();
        int items = 0;
        int queries = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", s(pk(day)));
            String condition = "pk = :pk";
            if (tenantId.isPresent()) {
                values.put(":tenant", s(tenantId.get() + "#"));
                condition += " AND begins_with(sk, :tenant)";
            }
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression(condition)
                        .expressionAttributeValues(values)
                        .expressionAttributeNames(names)
                        .projectionExpression(String.join(", ", projected))
                        .exclusiveStartKey(start)
                        .build());
                queries++;
                items += page.count();
                for (Map<String, AttributeValue> item : page.items()) {
                    rows.add(row(day, item, counters));
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }
        return new DayRows(rows, items, queries);
    }

    private static DayRow row(LocalDate day, Map<String, AttributeValue> item, List<String> counters) {
        Map<String, Long> values = new HashMap<>();
        for (String counter : counters) {
            AttributeValue v = item.get(counter);
            if (v != null && v.n() != null) {
                values.put(counter, Long.parseLong(v.n()));
            }
        }
        ReportKey key = new ReportKey(
                day,
                Attributes.string(item, "tenantId"),
                Severity.valueOf(Attributes.string(item, "severity")),
                Category.valueOf(Attributes.string(item, "category")));
        return new DayRow(key, values);
    }

    static List<String> counterNames() {
        List<String> names = new ArrayList<>(ReportFacts.COUNTERS);
        for (int i = 0; i < FirstResponseBuckets.COUNT; i++) {
            names.add(FirstResponseBuckets.name(i));
        }
        return names;
    }
}
