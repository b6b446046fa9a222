package com.supportdesk.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What Lambda's SQS integration sends a function and how it reads the answer: the {@code SQSEvent} JSON
 * of a batch of received messages, and which records of the batch failed.
 */
public final class SqsEvents {
    private SqsEvents() {}

    /** The event for {@code messages} received from the queue {@code queueArn}, records in receive order. */
    public static byte[] event(List<Message> messages, String queueArn, String region) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            record.put("attributes", new LinkedHashMap<>(message.attributesAsStrings()));
            Map<String, Object> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
            record.put("messageAttributes", attributes);
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
            records.add(record);
        }
        return Json.write(Map.of("Records", records)).getBytes(StandardCharsets.UTF_8);
    }

    /** Lambda's spelling: lower-case names, list fields always present, binary values base64-encoded. */
    private static Map<String, Object> attribute(MessageAttributeValue value) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        if (value.stringValue() != null) {
            attribute.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            attribute.put(
                    "binaryValue",
                    Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        attribute.put("stringListValues", value.stringListValues());
        attribute.put(
                "binaryListValues",
                value.binaryListValues().stream()
                        .map(b -> Base64.getEncoder().encodeToString(b.asByteArray()))
                        .toList());
        attribute.put("dataType", value.dataType());
        return attribute;
    }

    /**
     * Which records of a batch are to stay in the queue after an invocation that returned, and why.
     *
     * @param failed message ids that were not processed (they return after the visibility timeout)
     * @param reason null when every record succeeded
     */
    public record BatchResult(Set<String> failed, String reason) {
        public BatchResult {
            failed = Set.copyOf(failed);
        }

        static BatchResult allSucceeded() {
            return new BatchResult(Set.of(), null);
        }

        static BatchResult allFailed(Set<String> batch, String reason) {
            return new BatchResult(batch, reason);
        }
    }

    /**
     * Reads a function's answer as Lambda does with {@code FunctionResponseTypes: [ReportBatchItemFailures]}:
     * no answer, {@code null}, an object without failures or with an empty or null {@code batchItemFailures}
     * is a complete success; the listed ids failed; anything malformed (not JSON, not an object, an entry
     * without an {@code itemIdentifier}, or with one that is empty or not in the batch) fails the whole batch.
     *
     * @param batch message ids of the batch, in order
     */
    public static BatchResult reportedFailures(byte[] response, Set<String> batch) {
        JsonNode root;
        try {
            root = response == null || response.length == 0 ? null : Json.MAPPER.readTree(response);
        } catch (IOException e) {
            return BatchResult.allFailed(batch, "the response is not JSON");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return BatchResult.allSucceeded();
        }
        if (!root.isObject()) {
            return BatchResult.allFailed(batch, "the response is not a batch response object");
        }
        JsonNode failures = root.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return BatchResult.allSucceeded();
        }
        if (!failures.isArray()) {
            return BatchResult.allFailed(batch, "batchItemFailures is not a list");
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return BatchResult.allFailed(batch, "a batchItemFailures entry has no itemIdentifier");
            }
            if (!batch.contains(id.asText())) {
                return BatchResult.allFailed(
                        batch, "batchItemFailures names " + id.asText() + ", which is not in the batch");
            }
            failed.add(id.asText());
        }
        return failed.isEmpty()
                ? BatchResult.allSucceeded()
                : new BatchResult(failed, failed.size() + " of " + batch.size() + " record(s) reported failed");
    }
}
