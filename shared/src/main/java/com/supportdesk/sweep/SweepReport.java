package com.supportdesk.sweep;

import com.supportdesk.cases.CaseEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sweep run did: the summary line it logs (in CloudWatch embedded metric format, so the numbers
 * become metrics without an API call) and what the handler returns.
 *
 * @param duration         wall time of the run (not the function's clock, which may be simulated)
 * @param dueKeys          due index entries the run worked on
 * @param indexItemsRead   items the index queries read (their ScannedCount): grows with the due clocks
 * @param casesRead        case items read by key
 * @param events           history entries recorded, by kind
 * @param published        notification requests SNS accepted
 * @param publishFailures  requests left in an outbox for the next run
 * @param conflicts        writes that lost a race to another writer (re-read and re-done)
 * @param errors           cases the run could not handle (postponed)
 * @param backlogAge       how long the oldest due entry the run saw had been due
 * @param leftForNextRun   whether the run stopped for time with work left
 * @param watermark        the oldest hour bucket the next run reads from
 * @param rekeyItemsRead   items read to recompute index keys after a policy change
 * @param rekeyed          index keys that recomputation changed
 * @param policy           the fingerprint of the policy the run used
 */
public record SweepReport(
        Instant startedAt,
        Duration duration,
        int bucketsQueried,
        int dueKeys,
        int indexItemsRead,
        int casesRead,
        Map<CaseEventType, Integer> events,
        int published,
        int publishFailures,
        int conflicts,
        int errors,
        Duration backlogAge,
        boolean leftForNextRun,
        String watermark,
        int rekeyItemsRead,
        int rekeyed,
        boolean rekeyPending,
        String policy) {

    public static final String NAMESPACE = "SupportDesk/SlaSweep";

    public SweepReport {
        Map<CaseEventType, Integer> copy = new EnumMap<>(CaseEventType.class);
        copy.putAll(events);
        events = Collections.unmodifiableMap(copy);
    }

    /** Entries recorded of one kind. */
    public int events(CaseEventType type) {
        return events.getOrDefault(type, 0);
    }

    /** The run's summary as log fields (and the handler's answer). */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("startedAt", startedAt.toString());
        s.put("durationMs", duration.toMillis());
        s.put("bucketsQueried", bucketsQueried);
        s.put("dueKeys", dueKeys);
        s.put("indexItemsRead", indexItemsRead);
        s.put("casesRead", casesRead);
        Map<String, Integer> byKind = new LinkedHashMap<>();
        events.forEach((k, v) -> byKind.put(k.name(), v));
        s.put("events", byKind);
        s.put("published", published);
        s.put("publishFailures", publishFailures);
        s.put("conflicts", conflicts);
        s.put("errors", errors);
        s.put("backlogAgeSeconds", backlogAge.toSeconds());
        s.put("leftForNextRun", leftForNextRun);
        s.put("watermark", watermark);
        s.put("rekeyItemsRead", rekeyItemsRead);
        s.put("rekeyed", rekeyed);
        s.put("rekeyPending", rekeyPending);
        s.put("policy", policy);
        return s;
    }

    /**
     * The summary line: where the run started and ended, and its numbers as CloudWatch embedded-metric-format
     * metrics ({@code _aws} block, namespace {@value #NAMESPACE}, no dimensions, like the dispatcher's).
     */
    public Map<String, Object> logLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("startedAt", startedAt.toString());
        line.put("watermark", watermark);
        line.put("policy", policy);
        line.put("bucketsQueried", bucketsQueried);
        line.put("rekeyItemsRead", rekeyItemsRead);
        line.put("rekeyed", rekeyed);
        line.put("rekeyPending", rekeyPending);
        List<Map<String, String>> metrics = new ArrayList<>();
        metric(line, metrics, "DueClocks", dueKeys, "Count");
        metric(line, metrics, "IndexItemsRead", indexItemsRead, "Count");
        metric(line, metrics, "CasesRead", casesRead, "Count");
        for (CaseEventType type : List.of(
                CaseEventType.SLA_WARNING,
                CaseEventType.SLA_BREACHED,
                CaseEventType.FOLLOW_UP_OVERDUE,
                CaseEventType.DOWNGRADE_NOTICE,
                CaseEventType.SEVERITY_DOWNGRADED,
                CaseEventType.AUTO_CLOSED)) {
            metric(line, metrics, metricName(type), events(type), "Count");
        }
        metric(line, metrics, "NotificationsPublished", published, "Count");
        metric(line, metrics, "PublishFailures", publishFailures, "Count");
        metric(line, metrics, "Conflicts", conflicts, "Count");
        metric(line, metrics, "Errors", errors, "Count");
        metric(line, metrics, "Duration", duration.toMillis(), "Milliseconds");
        metric(line, metrics, "BacklogAge", backlogAge.toSeconds(), "Seconds");
        metric(line, metrics, "LeftForNextRun", leftForNextRun ? 1 : 0, "Count");
        line.put(
                "_aws",
                Map.of(
                        "Timestamp",
                        startedAt.toEpochMilli(),
                        "CloudWatchMetrics",
                        List.of(Map.of("Namespace", NAMESPACE, "Dimensions", List.of(List.of()), "Metrics", metrics))));
        return line;
    }

    /** {@code SLA_WARNING} → {@code SlaWarning}: one metric per kind of event. */
    static String metricName(CaseEventType type) {
        StringBuilder name = new StringBuilder();
        for (String part : type.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    private static void metric(
            Map<String, Object> line, List<Map<String, String>> metrics, String name, long value, String unit) {
        line.put(name, value);
        metrics.add(Map.of("Name", name, "Unit", unit));
    }

    /** Collects a run's numbers as it goes; one per run, one thread. */
    static final class Tally {
        private final Instant startedAt;
        int bucketsQueried;
        int dueKeys;
        int indexItemsRead;
        int casesRead;
        final Map<CaseEventType, Integer> events = new EnumMap<>(CaseEventType.class);
        int published;
        int publishFailures;
        int conflicts;
        int errors;
        Instant oldestDue;
        boolean leftForNextRun;
        String watermark = "";
        int rekeyItemsRead;
        int rekeyed;
        boolean rekeyPending;
        String policy = "";

        Tally(Instant startedAt) {
            this.startedAt = startedAt;
        }

        void due(Instant checkAt) {
            dueKeys++;
            if (oldestDue == null || checkAt.isBefore(oldestDue)) {
                oldestDue = checkAt;
            }
        }

        void recorded(CaseEventType type) {
            events.merge(type, 1, Integer::sum);
        }

        SweepReport finish(Duration took) {
            Duration age = Optional.ofNullable(oldestDue)
                    .map(o -> Duration.between(o, startedAt))
                    .filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO);
            return new SweepReport(
                    startedAt,
                    took,
                    bucketsQueried,
                    dueKeys,
                    indexItemsRead,
                    casesRead,
                    events,
                    published,
                    publishFailures,
                    conflicts,
                    errors,
                    age,
                    leftForNextRun,
                    watermark,
                    rekeyItemsRead,
                    rekeyed,
                    rekeyPending,
                    policy);
        }
    }
}
