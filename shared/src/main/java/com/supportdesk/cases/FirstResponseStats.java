package com.supportdesk.cases;

import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.runtime.Log;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * How long customers waited for the first response lately, kept as an aggregate so that the support
 * options never read cases: one item per (severity, category, UTC day) in the cases table
 * ({@code STATS#FIRST_RESPONSE#<severity>#<category>} / {@code DAY#<date>}) holding a count per
 * wait-time bucket. A first response adds one to its bucket with a single UpdateItem that also adds the
 * case id to the item's {@code counted} set, on the condition that the set does not hold it yet: a retried
 * or concurrent recording of the same case counts once, without transactions (which dynalite lacks).
 *
 * <p>The wait is wall-clock time from the case's creation to its first response: what the customer
 * lived through, support hours or not; the SLA target in open time is shown next to it.
 */
public final class FirstResponseStats {
    static final String PK_PREFIX = "STATS#FIRST_RESPONSE#";

    /** Upper bounds of the buckets in minutes; the last bucket is everything longer. */
    static final long[] BOUNDS = {
        15, 30, 45, 60, 90, 120, 180, 240, 300, 360, 480, 600, 720, 900, 1080, 1440, 2160, 2880, 4320, 5760, 7200,
        10080, 20160
    };

    /** Aggregates outlive any sensible window, then expire through the table's TTL. */
    private static final Duration KEEP = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Settings settings;

    /** @param windowDays days of aggregates read; @param minimumCases fewer cases than this say nothing */
    public record Settings(int windowDays, int minimumCases) {
        public static final int DEFAULT_WINDOW_DAYS = 28;
        public static final int DEFAULT_MINIMUM_CASES = 5;

        public Settings {
            if (windowDays < 1 || windowDays > 366) {
                throw new IllegalArgumentException("EXPECTED_WAIT_WINDOW_DAYS must be 1..366, not " + windowDays);
            }
            if (minimumCases < 1) {
                throw new IllegalArgumentException("EXPECTED_WAIT_MIN_CASES must be at least 1, not " + minimumCases);
            }
        }

        /**
         * From the function's settings; a value that is not a whole number is logged and the default used, so
         * a typo in a statistic's setting degrades one hint instead of taking the options down.
         */
        public static Settings parse(Optional<String> windowDays, Optional<String> minimumCases) {
            return new Settings(
                    number("EXPECTED_WAIT_WINDOW_DAYS", windowDays, DEFAULT_WINDOW_DAYS),
                    number("EXPECTED_WAIT_MIN_CASES", minimumCases, DEFAULT_MINIMUM_CASES));
        }

        public static int number(String name, Optional<String> value, int defaultValue) {
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.get().trim());
            } catch (NumberFormatException e) {
                Log.info("setting_ignored", Map.of("setting", name, "default", defaultValue));
                return defaultValue;
            }
        }
    }

    /** What the last {@code windowDays} say: the median (when there were at least the minimum cases) and how many. */
    public record Typical(Optional<Duration> median, long cases, int windowDays, int minimumCases) {}

    public FirstResponseStats(DynamoDbClient dynamo, String table, Settings settings) {
        this.dynamo = dynamo;
        this.table = table;
        this.settings = settings;
    }

    /** For functions that only count responses: the reading settings do not matter to them. */
    public static FirstResponseStats writer(DynamoDbClient dynamo, String table) {
        return new FirstResponseStats(
                dynamo, table, new Settings(Settings.DEFAULT_WINDOW_DAYS, Settings.DEFAULT_MINIMUM_CASES));
    }

    public Settings settings() {
        return settings;
    }

    static String pk(Severity severity, Category category) {
        return PK_PREFIX + severity + "#" + category;
    }

    static String day(LocalDate date) {
        return "DAY#" + date;
    }

    static int bucket(Duration wait) {
        long minutes = Math.max(0, wait.toMinutes());
        for (int i = 0; i < BOUNDS.length; i++) {
            if (minutes < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    static String bucketName(int i) {
        return String.format("b%02d", i);
    }

    /**
     * Counts one first response. Returns false when this case was already counted (a retry), which is
     * not an error.
     */
    public boolean record(Severity severity, Category category, String caseId, Instant openedAt, Instant respondedAt) {
        Duration wait = Duration.between(openedAt, respondedAt);
        LocalDate date = LocalDate.ofInstant(respondedAt, ZoneOffset.UTC);
        long expires = date.atStartOfDay().toInstant(ZoneOffset.UTC).plus(KEEP).getEpochSecond();
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", s(pk(severity, category)), "sk", s(day(date))))
                    .updateExpression("ADD #cases :one, #bucket :one, #counted :case SET #expires = :expires")
                    .conditionExpression("attribute_not_exists(#counted) OR NOT contains(#counted, :caseId)")
                    .expressionAttributeNames(Map.of(
                            "#cases", "cases",
                            "#bucket", bucketName(bucket(wait)),
                            "#counted", "counted",
                            "#expires", "expiresAt"))
                    .expressionAttributeValues(Map.of(
                            ":one", n(1),
                            ":case", AttributeValue.fromSs(List.of(caseId)),
                            ":caseId", s(caseId),
                            ":expires", n(expires))));
            return true;
        } catch (ConditionalCheckFailedException counted) {
            return false;
        }
    }

    /** The median first-response wait of the window ending today, from the aggregates alone (one Query). */
    public Typical typical(Severity severity, Category category, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = today.minusDays(settings.windowDays() - 1L);
        long[] counts = new long[BOUNDS.length + 1];
        List<String> projected = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            names.put("#" + bucketName(i), bucketName(i));
            projected.add("#" + bucketName(i));
        }
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(
                            Map.of(":pk", s(pk(severity, category)), ":from", s(day(from)), ":to", s(day(today))))
                    // never the case-id set: the read stays a few hundred bytes per day
                    .projectionExpression(String.join(", ", projected))
                    .expressionAttributeNames(names)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                for (int i = 0; i < counts.length; i++) {
                    AttributeValue v = item.get(bucketName(i));
                    if (v != null && v.n() != null) {
                        counts[i] += Long.parseLong(v.n());
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        Optional<Duration> median =
                total >= settings.minimumCases() ? Optional.of(median(counts, total)) : Optional.empty();
        return new Typical(median, total, settings.windowDays(), settings.minimumCases());
    }

    /**
     * The median of a histogram, interpolated linearly inside the bucket that holds the middle case and
     * rounded to 5 minutes: the buckets only know "between 2 and 3 hours", so more precision would be false.
     */
    static Duration median(long[] counts, long total) {
        double middle = total / 2.0;
        long before = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && before + counts[i] >= middle) {
                long lower = i == 0 ? 0 : BOUNDS[i - 1];
                long upper = i < BOUNDS.length ? BOUNDS[i] : lower; // the open last bucket: its lower bound
                double minutes = lower + (upper - lower) * ((middle - before) / counts[i]);
                long rounded = Math.max(5, Math.round(minutes / 5.0) * 5);
                return Duration.ofMinutes(rounded);
            }
            before += counts[i];
        }
        throw new IllegalStateException("empty histogram");
    }
}
