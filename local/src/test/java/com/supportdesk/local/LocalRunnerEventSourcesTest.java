package com.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.sqs.LocalQueues;
import com.supportdesk.local.testfunctions.ScheduleRecorder;
import com.supportdesk.local.testfunctions.SelectiveFailureHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The runner with the test template of event sources: SNS into a queue that a function polls, dead
 * letters, a topic nobody subscribes to, and a schedule on the simulated clock, driven through the real SDK
 * clients and the runner's HTTP endpoints.
 */
class LocalRunnerEventSourcesTest {
    /** Five seconds past a full minute, so that the next natural tick is most of a minute away. */
    private static final Instant START = Instant.parse("2026-03-02T09:00:05Z");

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Where the consumer's SES calls go instead of the emulator (nothing listens there). */
    private static final String FAILING_SES = "http://127.0.0.1:9/failing-ses";

    private static LocalRunner runner;
    private static SnsClient sns;

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.start(LocalRunner.Options.forTests()
                .withTemplate(TestTemplates.eventSourcesFile())
                .withSeed(false)
                .withClock(START)
                .withEnvironmentOverride("ConsumerFunction", "AWS_ENDPOINT_URL_SESV2", FAILING_SES)
                .withEnvironmentOverride("ConsumerFunction", "EXTRA_SETTING", "on"));
        sns = SnsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(runner.snsEndpoint())
                .build();
    }

    @AfterAll
    static void stopLeavesNothingRunning() {
        if (runner == null) {
            return;
        }
        sns.close();
        URI sqs = runner.emulators().sqsEndpoint();
        runner.close();
        assertThat(listening(sqs.getPort())).as("ElasticMQ").isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("sqs-poller-") || name.startsWith("schedule-"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String topicArn(String logicalId) {
        return LocalAws.topicArn(logicalId);
    }

    private static SelectiveFailureHandler consumer() {
        return (SelectiveFailureHandler)
                runner.functions().get("ConsumerFunction").handler();
    }

    private static ScheduleRecorder sweep() {
        return (ScheduleRecorder) runner.functions().get("SweepFunction").handler();
    }

    private static void publish(String topic, String message) {
        sns.publish(b -> b.topicArn(topicArn(topic))
                .message(message)
                .messageAttributes(Map.of(
                        "type",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("TEST")
                                .build(),
                        "schemaVersion",
                        MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue("1")
                                .build())));
    }

    private static JsonNode getJson(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(runner.baseUri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return Json.MAPPER.readTree(response.body());
        }
    }

    @Test
    void aMessagePublishedToTheSubscribedTopicReachesThePollingFunctionRawWithItsAttributes() throws Exception {
        publish("RequestsTopic", "{\"notificationId\":\"raw-1\"}");
        runner.awaitIdle(PATIENCE);

        assertThat(consumer().seen())
                .filteredOn(seen -> seen.body().contains("raw-1"))
                .singleElement()
                .satisfies(seen -> {
                    assertThat(seen.body()).isEqualTo("{\"notificationId\":\"raw-1\"}");
                    assertThat(seen.record().getMessageAttributes().get("type").getStringValue())
                            .isEqualTo("TEST");
                    assertThat(seen.record()
                                    .getMessageAttributes()
                                    .get("schemaVersion")
                                    .getDataType())
                            .isEqualTo("Number");
                    assertThat(seen.record().getEventSourceArn())
                            .isEqualTo(runner.queues().address("RequestsQueue").arn());
                });
        // a subscribed topic's messages stay inside the system: not in the outbox
        assertThat(runner.outbox().messages()).noneMatch(m -> m.body().contains("raw-1"));
    }

    @Test
    void aSubscriptionWithoutRawDeliveryGetsTheSnsEnvelope() throws Exception {
        publish("RequestsTopic", "enveloped-1");
        runner.awaitIdle(PATIENCE);

        assertThat(runner.queues().peek("AuditQueue"))
                .extracting(LocalQueues.QueuedMessage::body)
                .map(Json.MAPPER::readTree)
                .filteredOn(envelope -> envelope.path("Message").asText().equals("enveloped-1"))
                .singleElement()
                .satisfies(envelope -> {
                    assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
                    assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn("RequestsTopic"));
                    assertThat(envelope.path("MessageAttributes")
                                    .path("type")
                                    .path("Value")
                                    .asText())
                            .isEqualTo("TEST");
                    assertThat(envelope.path("Timestamp").asText()).startsWith("2026-03-02T09:");
                });
    }

    @Test
    void aTopicNobodySubscribesToLandsInTheOutbox() throws Exception {
        publish("PagesTopic", "page on-call");
        assertThat(runner.outbox().messages())
                .filteredOn(m -> m.body().equals("page on-call"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo("TOPIC");
                    assertThat(m.destination()).isEqualTo(topicArn("PagesTopic"));
                    assertThat(m.attributes()).containsEntry("type", "TEST");
                });
    }

    @Test
    void aRequestThatKeepsFailingIsShownAsADeadLetter() throws Exception {
        publish("RequestsTopic", "fail-forever");
        runner.awaitIdle(PATIENCE);

        assertThat(consumer().seen())
                .filteredOn(seen -> seen.body().equals("fail-forever"))
                .extracting(SelectiveFailureHandler.Seen::receiveCount)
                .containsExactly(1, 2, 3);
        JsonNode queues = getJson("/_local/queues");
        JsonNode requests = find(queues, "RequestsQueue");
        assertThat(requests.path("waiting").asLong()).isZero();
        assertThat(requests.path("inFlight").asLong()).isZero();
        assertThat(requests.path("deadLetterQueue").asText()).isEqualTo("RequestsDeadLetterQueue");
        assertThat(requests.path("maxReceiveCount").asInt()).isEqualTo(3);
        assertThat(requests.path("polledBy").get(0).asText()).isEqualTo("ConsumerFunction");
        assertThat(requests.path("subscribedTo").get(0).asText()).isEqualTo("RequestsTopic");
        JsonNode deadLetters = find(queues, "RequestsDeadLetterQueue");
        assertThat(deadLetters.path("deadLetterFor").get(0).asText()).isEqualTo("RequestsQueue");
        assertThat(deadLetters.path("waiting").asLong()).isEqualTo(1);
        assertThat(deadLetters.path("deadLetters").findValuesAsText("body")).containsExactly("fail-forever");
    }

    private static JsonNode find(JsonNode queues, String logicalId) {
        for (JsonNode queue : queues) {
            if (queue.path("logicalId").asText().equals(logicalId)) {
                return queue;
            }
        }
        throw new AssertionError(logicalId + " is not in " + queues);
    }

    @Test
    void functionsGetTheQueueOfTheTemplateAndTheSqsEndpointInTheirEnvironment() {
        Map<String, String> environment = consumer().environment().environment();
        assertThat(environment)
                .containsEntry(
                        "REQUESTS_QUEUE_URL",
                        runner.queues().address("RequestsQueue").url())
                .containsEntry("REQUESTS_QUEUE_NAME", "RequestsQueue")
                .containsEntry(
                        "AWS_ENDPOINT_URL_SQS", runner.emulators().sqsEndpoint().toString())
                .containsEntry("AWS_ENDPOINT_URL_SNS", runner.snsEndpoint().toString());
    }

    @Test
    void anEnvironmentOverrideChangesOnlyTheFunctionItNames() {
        Map<String, String> consumer = consumer().environment().environment();
        assertThat(consumer)
                .containsEntry("AWS_ENDPOINT_URL_SESV2", FAILING_SES)
                .containsEntry("EXTRA_SETTING", "on")
                .containsEntry(
                        "AWS_ENDPOINT_URL_DYNAMODB",
                        runner.emulators().dynamoDbEndpoint().toString())
                .containsEntry("REQUESTS_QUEUE_NAME", "RequestsQueue");
        assertThat(sweep().environment().environment())
                .containsEntry(
                        "AWS_ENDPOINT_URL_SESV2",
                        runner.emulators().sesEndpoint().toString())
                .doesNotContainKey("EXTRA_SETTING");
    }

    @Test
    void advancingTheSimulatedClockTenMinutesRunsTheScheduledFunctionOnceAtOnce() throws Exception {
        runner.awaitIdle(PATIENCE);
        int before = sweep().runs().size();
        Instant moved = runner.clock().advance(Duration.ofMinutes(10));
        runner.awaitIdle(Duration.ofSeconds(5));

        assertThat(sweep().runs()).hasSize(before + 1);
        ScheduleRecorder.Run run = sweep().runs().get(before);
        assertThat(run.event().getSource()).isEqualTo("aws.events");
        assertThat(run.event().getDetailType()).isEqualTo("Scheduled Event");
        assertThat(run.event().getResources())
                .containsExactly("arn:aws:events:us-east-1:000000000000:rule/support-desk-local-SweepFunctionSweep");
        // the simulated instant of the run, not the real one
        assertThat(Instant.ofEpochMilli(run.event().getTime().getMillis()))
                .isBetween(moved.minusMillis(1), moved.plusSeconds(5));
        assertThat(run.clockAtStart()).isBefore(Instant.now().minus(Duration.ofDays(30)));
    }
}
