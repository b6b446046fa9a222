package com.supportdesk.it.template;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.template.ProjectRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One sample event of {@code events/}, recognised by its shape: an HTTP API request (it has a
 * {@code routeKey}), an SQS batch (its records come from {@code aws:sqs}) or an EventBridge scheduled event.
 */
record SampleEvent(Path file, JsonNode json, Kind kind) {
    enum Kind {
        HTTP,
        SQS,
        SCHEDULE,
        UNKNOWN
    }

    static List<SampleEvent> all() throws IOException {
        try (Stream<Path> files = Files.list(ProjectRoot.find().resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(SampleEvent::read)
                    .toList();
        }
    }

    static List<SampleEvent> ofKind(Kind kind) throws IOException {
        return all().stream().filter(sample -> sample.kind() == kind).toList();
    }

    private static SampleEvent read(Path file) {
        try {
            JsonNode json = Json.MAPPER.readTree(file.toFile());
            return new SampleEvent(file.getFileName(), json, kindOf(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Kind kindOf(JsonNode json) {
        if (json.hasNonNull("routeKey")) {
            return Kind.HTTP;
        }
        JsonNode records = json.path("Records");
        List<String> sources = records.findValuesAsText("eventSource");
        if (records.isArray()
                && !records.isEmpty()
                && sources.size() == records.size()
                && sources.stream().allMatch("aws:sqs"::equals)) {
            return Kind.SQS;
        }
        if (json.path("source").asText().equals("aws.events")
                && json.path("detail-type").asText().equals("Scheduled Event")) {
            return Kind.SCHEDULE;
        }
        return Kind.UNKNOWN;
    }

    /**
     * Whether every record comes from the queue with this logical id: named so locally, or as
     * CloudFormation names it when deployed ({@code <stack>-<LogicalId>-<suffix>}).
     */
    boolean namesQueue(String logicalId) {
        List<String> arns = json.path("Records").findValuesAsText("eventSourceARN");
        return !arns.isEmpty()
                && arns.stream().allMatch(arn -> namedAfter(arn.substring(arn.lastIndexOf(':') + 1), logicalId));
    }

    /** Whether the rule in {@code resources} is named after {@code ruleLogicalId} ({@code <Function><Event>}). */
    boolean namesRule(String ruleLogicalId) {
        for (JsonNode resource : json.path("resources")) {
            String arn = resource.asText();
            int slash = arn.indexOf(":rule/");
            if (slash >= 0 && namedAfter(arn.substring(slash + ":rule/".length()), ruleLogicalId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namedAfter(String physicalName, String logicalId) {
        return physicalName.equals(logicalId)
                || Arrays.asList(physicalName.split("-")).contains(logicalId);
    }

    /** The sample read into {@code type} exactly as the managed Java runtime reads an event. */
    static <T> T deserialise(SampleEvent sample, Class<T> type) {
        try {
            return LambdaEventSerializers.serializerFor(type, SampleEvent.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(sample.json())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
