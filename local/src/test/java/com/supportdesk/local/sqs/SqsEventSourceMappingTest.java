package com.supportdesk.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.TestTemplates;
import com.supportdesk.local.emulators.ElasticMq;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.emulators.QueueAddress;
import com.supportdesk.local.emulators.SqsQueues;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.local.testfunctions.SelectiveFailureHandler;
import com.supportdesk.runtime.FunctionEnvironment;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The SQS event source against a real ElasticMQ over HTTP, with the queues of the test template (visibility
 * timeout 1 s, dead letters after 3 receives) and a function that fails the records it is told to.
 */
class SqsEventSourceMappingTest {
    private static final SamTemplate TEMPLATE = TestTemplates.eventSources();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ElasticMq elasticMq;
    private static SqsClient sqs;
    private static Map<String, QueueAddress> queues;

    private SelectiveFailureHandler handler;
    private LocalFunction function;
    private SqsEventSourceMapping mapping;

    @BeforeAll
    static void startSqs() {
        elasticMq = ElasticMq.start(Emulators.REGION, Emulators.ACCOUNT);
        sqs = client(elasticMq.endpoint());
        queues = SqsQueues.createAll(sqs, TEMPLATE);
    }

    @AfterAll
    static void stopSqs() {
        if (sqs != null) {
            sqs.close();
        }
        if (elasticMq != null) {
            elasticMq.close();
        }
    }

    static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .region(Region.of(Emulators.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .build();
    }

    @BeforeEach
    void loadTheFunction() {
        function = LocalFunction.load(
                TEMPLATE.function("ConsumerFunction").orElseThrow(),
                FunctionEnvironment.of(Map.of(), SimulatedClock.startingAt(Instant.parse("2026-03-02T09:00:00Z"))),
                getClass().getClassLoader(),
                Duration.ofSeconds(15),
                512,
                "arn:aws:lambda:us-east-1:000000000000:function:ConsumerFunction");
        handler = (SelectiveFailureHandler) function.handler();
    }

    @AfterEach
    void stopAndEmptyTheQueues() {
        if (mapping != null) {
            mapping.close();
        }
        queues.values().forEach(queue -> sqs.purgeQueue(b -> b.queueUrl(queue.url())));
    }

    private void poll(int batchSize, boolean reportBatchItemFailures) {
        mapping = SqsEventSourceMapping.start(
                function,
                new SqsEventSourceMapping.Settings(
                        "Requests",
                        queues.get("RequestsQueue"),
                        batchSize,
                        Duration.ZERO,
                        reportBatchItemFailures,
                        Optional.of(3),
                        Optional.of("RequestsDeadLetterQueue"),
                        Optional.empty()),
                sqs,
                Emulators.REGION);
    }

    private static void send(String... bodies) {
        List<SendMessageBatchRequestEntry> entries = IntStream.range(0, bodies.length)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(bodies[i])
                        .messageAttributes(Map.of(
                                "type",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("TEST")
                                        .build()))
                        .build())
                .toList();
        assertThat(sqs.sendMessageBatch(b ->
                                b.queueUrl(queues.get("RequestsQueue").url()).entries(entries))
                        .failed())
                .isEmpty();
    }

    /** As the runner's awaitIdle: nothing in hand and the queue drained, twice in a row. */
    private void awaitDrained() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int quiet = 0;
        while (quiet < 2) {
            Optional<String> busy = mapping.busyWith();
            quiet = busy.isEmpty() ? quiet + 1 : 0;
            assertThat(System.nanoTime() - deadline)
                    .as("still busy: %s", busy.orElse(""))
                    .isNegative();
            Thread.sleep(25);
        }
    }

    private static long depth(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        b -> b.queueUrl(queues.get(queue).url())
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<String> bodiesSeen() {
        return handler.seen().stream().map(SelectiveFailureHandler.Seen::body).toList();
    }

    @Test
    void aBatchArrivesAsAnSqsEventAndIsDeletedWhenItSucceeds() throws Exception {
        send("one", "two", "three", "four");
        poll(10, true);
        awaitDrained();

        assertThat(bodiesSeen()).containsExactlyInAnyOrder("one", "two", "three", "four");
        assertThat(handler.batchSizes().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(4);
        SQSEvent.SQSMessage record = handler.seen().get(0).record();
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn())
                .isEqualTo(queues.get("RequestsQueue").arn())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:RequestsQueue");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getMd5OfBody()).isNotBlank();
        assertThat(record.getAttributes())
                .containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
        assertThat(record.getMessageAttributes().get("type").getStringValue()).isEqualTo("TEST");
        assertThat(record.getMessageAttributes().get("type").getDataType()).isEqualTo("String");
        assertThat(depth("RequestsQueue")).isZero();
        assertThat(depth("RequestsDeadLetterQueue")).isZero();
    }

    @Test
    void batchesAreNoLargerThanTheBatchSize() throws Exception {
        send("a", "b", "c", "d", "e", "f", "g");
        poll(3, true);
        awaitDrained();

        assertThat(bodiesSeen()).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "g");
        assertThat(handler.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 3));
    }

    @Test
    void reportedFailuresComeBackAfterTheVisibilityTimeoutAndTheRestIsNotRedelivered() throws Exception {
        send("ok-1", "fail-until-2", "ok-2");
        poll(10, true);
        awaitDrained();

        assertThat(handler.seen())
                .filteredOn(seen -> seen.body().equals("fail-until-2"))
                .extracting(SelectiveFailureHandler.Seen::receiveCount)
                .containsExactly(1, 2);
        assertThat(bodiesSeen()).filteredOn(body -> body.startsWith("ok")).containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(depth("RequestsQueue")).isZero();
        assertThat(depth("RequestsDeadLetterQueue")).isZero();
    }

    @Test
    void aRecordThatKeepsFailingEndsInTheDeadLetterQueueAfterMaxReceiveCountAndNothingIsLost() throws Exception {
        send("ok-1", "fail-a", "ok-2", "fail-b", "ok-3");
        poll(10, true);
        awaitDrained();

        // each failing record was delivered exactly maxReceiveCount (3) times, then moved
        assertThat(handler.seen())
                .filteredOn(seen -> seen.body().startsWith("fail"))
                .extracting(SelectiveFailureHandler.Seen::body)
                .containsExactlyInAnyOrder("fail-a", "fail-a", "fail-a", "fail-b", "fail-b", "fail-b");
        assertThat(bodiesSeen())
                .filteredOn(body -> body.startsWith("ok"))
                .containsExactlyInAnyOrder("ok-1", "ok-2", "ok-3");
        List<String> deadLetters = sqs
                .receiveMessage(
                        b -> b.queueUrl(queues.get("RequestsDeadLetterQueue").url())
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(1))
                .messages()
                .stream()
                .map(software.amazon.awssdk.services.sqs.model.Message::body)
                .toList();
        assertThat(deadLetters).containsExactlyInAnyOrder("fail-a", "fail-b");
        assertThat(depth("RequestsQueue")).isZero();
    }

    @Test
    void aFunctionThatThrowsGetsTheWholeBatchAgain() throws Exception {
        send("ok-a", "throw-once", "ok-b");
        poll(10, true);
        awaitDrained();

        assertThat(handler.batchSizes()).first().isEqualTo(3);
        // every record of the failed batch came back, the successful ones included
        assertThat(handler.seen())
                .filteredOn(seen -> seen.body().startsWith("ok"))
                .extracting(SelectiveFailureHandler.Seen::body, SelectiveFailureHandler.Seen::receiveCount)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("ok-a", 1),
                        org.assertj.core.groups.Tuple.tuple("ok-a", 2),
                        org.assertj.core.groups.Tuple.tuple("ok-b", 1),
                        org.assertj.core.groups.Tuple.tuple("ok-b", 2));
        assertThat(depth("RequestsQueue")).isZero();
        assertThat(depth("RequestsDeadLetterQueue")).isZero();
    }

    @Test
    void aMalformedBatchResponseFailsTheWholeBatch() throws Exception {
        send("ok-a", "stranger-once");
        poll(10, true);
        awaitDrained();

        assertThat(handler.seen())
                .filteredOn(seen -> seen.body().equals("ok-a"))
                .extracting(SelectiveFailureHandler.Seen::receiveCount)
                .containsExactly(1, 2);
        assertThat(depth("RequestsQueue")).isZero();
    }

    @Test
    void withoutReportBatchItemFailuresAReturnedListIsIgnoredAsLambdaIgnoresIt() throws Exception {
        send("fail-x", "ok-y");
        poll(10, false);
        awaitDrained();

        assertThat(bodiesSeen()).containsExactlyInAnyOrder("fail-x", "ok-y");
        assertThat(depth("RequestsQueue")).isZero();
        assertThat(depth("RequestsDeadLetterQueue")).isZero();
    }

    @Test
    void closingStopsThePollerThread() {
        poll(10, true);
        assertThat(Thread.getAllStackTraces().keySet())
                .anyMatch(thread -> thread.getName().equals("sqs-poller-ConsumerFunction-Requests"));
        mapping.close();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("sqs-poller-") && thread.isAlive());
    }
}
