package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue function's batch, read from and answered to the stream Lambda hands a {@code RequestStreamHandler}:
 * the records' ids and bodies, and the partial batch response ({@code ReportBatchItemFailures}). Read with
 * the project's mapper, so the runtime never sets up its own JSON, whose event classes need joda-time, which
 * the lean jars leave out (decision 0009). The typed conversions serve the tests, which call the typed method.
 */
public final class SqsBatch {
    /** One record of the batch: what a queue function needs of it. */
    public record Message(String messageId, String body) {}

    private SqsBatch() {}

    /** The records of an SQS event as Lambda sends it. */
    public static List<Message> read(InputStream input) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        List<Message> messages = new ArrayList<>();
        if (event != null) {
            for (JsonNode record : event.path("Records")) {
                JsonNode body = record.get("body");
                messages.add(new Message(
                        record.path("messageId").asText(null), body == null || body.isNull() ? null : body.asText()));
            }
        }
        return messages;
    }

    /** The records of a typed event. */
    public static List<Message> of(SQSEvent event) {
        List<Message> messages = new ArrayList<>();
        if (event.getRecords() != null) {
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                messages.add(new Message(record.getMessageId(), record.getBody()));
            }
        }
        return messages;
    }

    /** The batch response as Lambda reads it: {@code {"batchItemFailures":[{"itemIdentifier":...}]}}. */
    public static void answer(List<String> failures, OutputStream output) throws IOException {
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("batchItemFailures");
        failures.forEach(id -> items.addObject().put("itemIdentifier", id));
        output.write(Json.MAPPER.writeValueAsBytes(response));
    }

    /** The same as a typed response. */
    public static SQSBatchResponse response(List<String> failures) {
        List<SQSBatchResponse.BatchItemFailure> items = new ArrayList<>();
        failures.forEach(id -> items.add(new SQSBatchResponse.BatchItemFailure(id)));
        return new SQSBatchResponse(items);
    }

    /** A priming step's work: the response written once, so its classes are loaded before a snapshot. */
    public static PrimingStep.Read primeAnswer() {
        return PrimingStep.read("batch response JSON", () -> {
            try {
                answer(List.of("priming"), OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
