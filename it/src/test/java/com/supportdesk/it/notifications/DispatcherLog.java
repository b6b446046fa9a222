package com.supportdesk.it.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dispatcher wrote to standard output while open: its {@code notification_delivery} log lines (one
 * per recipient per receive of a request) and its EMF metric documents (one per type and channel, and one
 * summary per batch), as CloudWatch would get them.
 */
final class DispatcherLog implements AutoCloseable {
    private final StandardOutput out = new StandardOutput();

    /** Every JSON line so far, oldest first. */
    List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.text().split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    // not a log line of ours
                }
            }
        }
        return lines;
    }

    /** The outcome of each attempt at {@code notificationId}'s delivery, oldest first: SENT, RETRY_LATER... */
    List<String> outcomes(String notificationId) {
        return lines().stream()
                .filter(line -> line.path("event").asText().equals("notification_delivery"))
                .filter(line -> line.path("notificationId").asText().equals(notificationId))
                .map(line -> line.path("outcome").asText())
                .toList();
    }

    /** The error codes logged with {@code notificationId}'s attempts. */
    List<String> errorCodes(String notificationId) {
        return lines().stream()
                .filter(line -> line.path("event").asText().equals("notification_delivery"))
                .filter(line -> line.path("notificationId").asText().equals(notificationId))
                .filter(line -> line.has("errorCode"))
                .map(line -> line.path("errorCode").asText())
                .toList();
    }

    /** The EMF documents per notification type and channel, one per batch that had deliveries of them. */
    List<JsonNode> metricDocuments() {
        return lines().stream()
                .filter(line -> line.has("_aws") && line.has("Channel"))
                .toList();
    }

    /** The sum of one per-type-and-channel metric ({@code Sent}, {@code PossibleDuplicate}...) over every batch. */
    int metric(String name) {
        return metricDocuments().stream()
                .mapToInt(doc -> doc.path(name).asInt())
                .sum();
    }

    /** The summary of every batch the dispatcher finished ({@code Records}, {@code BatchItemFailures}, ...). */
    List<JsonNode> batches() {
        return lines().stream()
                .filter(line -> line.has("_aws") && line.path("event").asText().equals("notification_batch"))
                .toList();
    }

    @Override
    public void close() {
        out.close();
    }
}
