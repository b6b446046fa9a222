package com.supportdesk.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.supportdesk.api.Json;
import com.supportdesk.functions.notificationdispatcher.NotificationDispatcherHandler;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The notification dispatcher as the queue drives it: built from template.yaml like every function,
 * fed SQS events shaped like {@code events/notifications-sqs.json} and parsed by the serialiser the
 * managed Java runtime uses. SNS has no emulator, so requests published to the notifications topic are
 * read back from the WireMock that answered the producer's {@code Publish} calls; what the topic, the
 * subscription (raw delivery) and the queue would do in between is what {@link #deliver} does: each
 * request becomes one record's body.
 */
public final class NotificationDispatch {
    public static final String NOTIFICATIONS_TOPIC = LocalAws.topicArn("NotificationsTopic");
    private static final PojoSerializer<SQSEvent> EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, NotificationDispatch.class.getClassLoader());

    private NotificationDispatch() {}

    /** The dispatcher function of template.yaml on the emulators, with {@code extraEnv} laid over. */
    public static NotificationDispatcherHandler handler(LocalAws aws, Clock clock, Map<String, String> extraEnv) {
        FunctionDefinition function = SamTemplate.ofProject()
                .function("NotificationDispatcherFunction")
                .orElseThrow(() -> new IllegalStateException("No NotificationDispatcherFunction in template.yaml"));
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(function));
        env.putAll(extraEnv);
        return new NotificationDispatcherHandler(FunctionEnvironment.of(env, clock));
    }

    /** An SQS event with one record per body, each with a new message id, as Lambda's poller builds it. */
    public static SQSEvent event(List<String> bodies) {
        ObjectNode sample = Handlers.sampleEvent("notifications-sqs.json");
        ObjectNode template = (ObjectNode) sample.withArray("Records").get(0);
        ArrayNode records = Json.MAPPER.createArrayNode();
        for (String body : bodies) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", UUID.randomUUID().toString());
            record.put("body", body);
            record.put("md5OfBody", md5(body));
            records.add(record);
        }
        sample.set("Records", records);
        return parse(sample);
    }

    public static SQSEvent parse(JsonNode json) {
        return EVENTS.fromJson(new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** One invocation with one record per body; the ids of the records it reports as failed. */
    public static List<String> deliver(NotificationDispatcherHandler handler, List<String> bodies) {
        return failures(handler.handleRequest(event(bodies), new TestContext()));
    }

    public static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /**
     * The notification requests (message JSON) published to the notifications topic at the SNS stand-in
     * at {@code snsUrl} (any WireMock answering {@code Publish}), oldest first, that {@code filter} accepts.
     */
    public static List<String> requestsPublishedAt(String snsUrl, Predicate<JsonNode> filter) {
        URI uri = URI.create(snsUrl);
        WireMock client = new WireMock(uri.getHost(), uri.getPort());
        return client.find(postRequestedFor(urlEqualTo("/"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(NotificationDispatch::form)
                .filter(form ->
                        "Publish".equals(form.get("Action")) && NOTIFICATIONS_TOPIC.equals(form.get("TopicArn")))
                .map(form -> form.get("Message"))
                .filter(message -> filter.test(json(message)))
                .toList();
    }

    private static JsonNode json(String message) {
        try {
            return Json.MAPPER.readTree(message);
        } catch (java.io.IOException e) {
            throw new AssertionError("A request published to the notifications topic is not JSON", e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String md5(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
