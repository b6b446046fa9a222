package com.supportdesk.notifications.dispatch;

import com.supportdesk.api.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher's CloudWatch metrics as embedded metric format (EMF) lines on standard output, from
 * which CloudWatch Logs extracts them without an API call: per notification type and channel the counts
 * {@code Sent}, {@code Retried}, {@code Undeliverable}, {@code PossibleDuplicate} (a send after taking
 * over a claim whose holder may have sent already) and {@code AlreadyDelivered}, and one summary per
 * batch ({@code Records}, {@code BatchItemFailures}, {@code Rejected}). Collect one batch, then
 * {@link #flush}.
 */
public final class DeliveryMetrics {
    public static final String NAMESPACE = "SupportDesk/Notifications";
    static final List<String> DELIVERY_METRICS =
            List.of("Sent", "Retried", "Undeliverable", "PossibleDuplicate", "AlreadyDelivered");

    private final Map<List<String>, Map<String, Integer>> byTypeAndChannel = new LinkedHashMap<>();
    private int records;
    private int failures;
    private int rejected;

    /** One queued request and whether it is reported back to the queue as a failure. */
    public void add(DispatchResult result, boolean reportedAsFailure) {
        records++;
        if (reportedAsFailure) {
            failures++;
        }
        if (result.status() == DispatchResult.Status.REJECTED) {
            rejected++;
        }
        String type = result.type().map(Enum::name).orElse("UNKNOWN");
        for (DispatchResult.Delivered d : result.deliveries()) {
            Map<String, Integer> counts =
                    byTypeAndChannel.computeIfAbsent(List.of(type, d.channel().name()), key -> new LinkedHashMap<>());
            DELIVERY_METRICS.forEach(name -> counts.putIfAbsent(name, 0));
            switch (d.outcome()) {
                case SENT -> counts.merge("Sent", 1, Integer::sum);
                case SENT_AFTER_TAKEOVER -> {
                    counts.merge("Sent", 1, Integer::sum);
                    counts.merge("PossibleDuplicate", 1, Integer::sum);
                }
                case RETRY_LATER, HELD_ELSEWHERE -> counts.merge("Retried", 1, Integer::sum);
                case UNDELIVERABLE -> counts.merge("Undeliverable", 1, Integer::sum);
                case ALREADY_SENT, ALREADY_UNDELIVERABLE -> counts.merge("AlreadyDelivered", 1, Integer::sum);
            }
        }
    }

    /** A queued request left for the queue to deliver again, unread (the invocation was running out of time). */
    public void deferred() {
        records++;
        failures++;
    }

    /** The EMF documents of the batch: one per type and channel, then the summary. */
    public List<Map<String, Object>> documents(Instant at) {
        List<Map<String, Object>> documents = new ArrayList<>();
        byTypeAndChannel.forEach((key, counts) -> {
            Map<String, Object> doc = emf(at, List.of("Type", "Channel"), DELIVERY_METRICS);
            doc.put("Type", key.get(0));
            doc.put("Channel", key.get(1));
            doc.putAll(counts);
            documents.add(doc);
        });
        Map<String, Object> summary = emf(at, List.of(), List.of("Records", "BatchItemFailures", "Rejected"));
        summary.put("event", "notification_batch");
        summary.put("Records", records);
        summary.put("BatchItemFailures", failures);
        summary.put("Rejected", rejected);
        documents.add(summary);
        return documents;
    }

    public void flush(Instant at) {
        documents(at).forEach(doc -> System.out.println(Json.write(doc)));
    }

    private static Map<String, Object> emf(Instant at, List<String> dimensions, List<String> metrics) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(dimensions));
        directive.put(
                "Metrics",
                metrics.stream()
                        .map(name -> Map.of("Name", name, "Unit", "Count"))
                        .toList());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_aws", Map.of("Timestamp", at.toEpochMilli(), "CloudWatchMetrics", List.of(directive)));
        return doc;
    }
}
