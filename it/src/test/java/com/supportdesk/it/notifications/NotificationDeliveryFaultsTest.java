package com.supportdesk.it.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.notifications.DeliveryPipeline.Request;
import com.supportdesk.notifications.dispatch.DeliveryRecords;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC section 7 under faults, end to end: requests published to the notifications topic, the queue and
 * its dead-letter queue as template.yaml declares them (ElasticMQ), the SQS event source's poller, and the
 * real dispatcher function, with SES failing or the dispatcher dying mid-batch. Whatever happens, every
 * request is either sent or waits in the dead-letter queue (none lost), and none is sent twice, except in
 * the one documented window, which the {@code PossibleDuplicate} metric counts.
 *
 * <p>Failed records come back after 1 s instead of 180 s. The delivery records' lease (90 s) runs on the
 * simulated clock, which a test moves on where, deployed, the queue's 180 s would have let it run out.
 * The runner brings its own emulators, so this class runs once, not again in the LocalStack execution.
 */
@DisabledIfSystemProperty(
        named = "supportdesk.aws.backend",
        matches = "localstack",
        disabledReason = "the local runner brings its own emulators")
class NotificationDeliveryFaultsTest {
    private static DeliveryPipeline pipeline;
    private DispatcherLog log;

    @BeforeAll
    static void start() throws Exception {
        pipeline = DeliveryPipeline.start();
    }

    @AfterAll
    static void stop() {
        DispatcherKill.disarm();
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @BeforeEach
    void healthySesAndAFreshLog() {
        pipeline.ses.healthy();
        log = new DispatcherLog();
    }

    @AfterEach
    void closeLog() throws Exception {
        DispatcherKill.disarm();
        log.close();
    }

    @Test
    void whileSesFailsEveryRequestIsReceivedFiveTimesAndKeptInTheDeadLetterQueueThenARedriveSendsEachOnce()
            throws Exception {
        pipeline.ses.failing(500, "InternalFailure");
        List<Request> requests = pipeline.requests(3);

        pipeline.publish(requests);
        pipeline.awaitIdle();

        for (Request request : requests) {
            assertThat(log.outcomes(request.notificationId()))
                    .as("received 5 times: SES failed, then the claim it may have sent under was held")
                    .containsExactly(
                            "RETRY_LATER", "HELD_ELSEWHERE", "HELD_ELSEWHERE", "HELD_ELSEWHERE", "HELD_ELSEWHERE");
            assertThat(log.errorCodes(request.notificationId())).containsExactly("InternalFailure");
            assertThat(pipeline.ses.callsFor(request.address()))
                    .as("SES was asked, with the SDK's retries")
                    .isGreaterThanOrEqualTo(1);
            assertThat(pipeline.mailsTo(request.address())).isEmpty();
            assertThat(pipeline.deliveryStates(request.notificationId())).containsExactly("CLAIMED");
        }
        assertThat(pipeline.queue(DeliveryPipeline.QUEUE).waiting()
                        + pipeline.queue(DeliveryPipeline.QUEUE).inFlight())
                .isZero();
        assertThat(pipeline.deadLetters())
                .as("nothing lost: every request waits in the dead-letter queue, as published")
                .containsExactlyInAnyOrderElementsOf(bodies(requests));

        // The cause is fixed and an operator redrives, long after the claims' lease ran out.
        pipeline.ses.healthy();
        pipeline.runner.clock().advance(DeliveryRecords.LEASE.plusSeconds(1));
        pipeline.redriveDeadLetters();
        pipeline.awaitIdle();

        for (Request request : requests) {
            assertThat(pipeline.mailsTo(request.address()))
                    .as("exactly one email")
                    .hasSize(1);
            assertThat(pipeline.deliveryStates(request.notificationId())).containsExactly("SENT");
            assertThat(log.outcomes(request.notificationId())).endsWith("SENT_AFTER_TAKEOVER");
        }
        assertThat(pipeline.queue(DeliveryPipeline.DEAD_LETTERS).waiting()).isZero();
        assertThat(log.metric("PossibleDuplicate"))
                .as("a 5xx may have been a send: each send after it is counted as a possible duplicate")
                .isEqualTo(requests.size());
    }

    @Test
    void sesThrottlingSomeRecipientsOfABatchRetriesOnlyThoseAndSendsEveryoneOnce() throws Exception {
        List<Request> requests = pipeline.requests(10);
        List<Request> throttled = List.of(requests.get(1), requests.get(4), requests.get(8));
        throttled.forEach(r -> pipeline.ses.failingFor(r.address(), 429, "TooManyRequestsException"));

        pipeline.publishAsOneBatch(requests);
        // SES recovers once the batch has met every throttled recipient (the SDK backs off a few seconds each)
        awaitUntil(
                () -> throttled.stream()
                        .noneMatch(r -> log.outcomes(r.notificationId()).isEmpty()),
                "each throttled request tried");
        pipeline.ses.healthy();
        pipeline.awaitIdle();

        assertThat(log.batches())
                .as("one batch of 10 with a partial batch response naming the throttled 3")
                .anySatisfy(batch -> {
                    assertThat(batch.path("Records").asInt()).isEqualTo(10);
                    assertThat(batch.path("BatchItemFailures").asInt()).isEqualTo(3);
                });
        for (Request request : requests) {
            assertThat(pipeline.mailsTo(request.address()))
                    .as("one email to " + request.address())
                    .hasSize(1);
            assertThat(pipeline.deliveryStates(request.notificationId())).containsExactly("SENT");
            if (throttled.contains(request)) {
                assertThat(log.outcomes(request.notificationId()))
                        .as("reported back, received again and sent once SES took it")
                        .startsWith("RETRY_LATER")
                        .endsWith("SENT")
                        .filteredOn(outcome -> !outcome.equals("RETRY_LATER"))
                        .containsExactly("SENT");
            } else {
                assertThat(log.outcomes(request.notificationId()))
                        .as("deleted from the queue after the first receive")
                        .containsExactly("SENT");
            }
        }
        assertThat(log.metric("PossibleDuplicate"))
                .as("throttled means not sent: the claim was given back, no takeover")
                .isZero();
        assertThat(pipeline.queue(DeliveryPipeline.DEAD_LETTERS).waiting()).isZero();
    }

    @ParameterizedTest
    @EnumSource(DispatcherKill.When.class)
    void aDispatcherKilledMidBatchGetsTheWholeBatchBackAndOnlyTheSendItDiedInCanGoOutTwice(DispatcherKill.When when)
            throws Exception {
        List<Request> requests = pipeline.requests(10);
        DispatcherKill.arm(when, addresses(requests), 4);

        pipeline.publishAsOneBatch(requests);
        String victim =
                DispatcherKill.awaitKill(20).orElseThrow(() -> new AssertionError("the dispatcher was not killed"));
        // Deployed, the batch comes back after 180 s, when the dead holder's 90 s lease is over.
        pipeline.runner.clock().advance(DeliveryRecords.LEASE.plusSeconds(1));
        pipeline.awaitIdle();

        List<Request> sentBeforeTheKill = requests.stream()
                .filter(r -> log.outcomes(r.notificationId()).equals(List.of("SENT", "ALREADY_SENT")))
                .toList();
        assertThat(sentBeforeTheKill)
                .as("sent and recorded before the kill, they came back with the batch and were not sent again")
                .hasSize(3);
        for (Request request : requests) {
            boolean killedIn = request.address().equals(victim);
            assertThat(pipeline.deliveryStates(request.notificationId())).containsExactly("SENT");
            if (killedIn) {
                assertThat(log.outcomes(request.notificationId()))
                        .as("the killed attempt logged nothing; the claim it left was taken over")
                        .containsExactly("SENT_AFTER_TAKEOVER");
                assertThat(pipeline.claims(request.notificationId())).isEqualTo(2);
                assertThat(pipeline.mailsTo(request.address()))
                        .as(
                                when == DispatcherKill.When.AFTER_SES_ACCEPTED
                                        ? "SES had it before the kill: the documented duplicate"
                                        : "nothing went out before the kill")
                        .hasSize(when == DispatcherKill.When.AFTER_SES_ACCEPTED ? 2 : 1);
            } else {
                assertThat(pipeline.mailsTo(request.address()))
                        .as("exactly one email to " + request.address())
                        .hasSize(1);
                if (!sentBeforeTheKill.contains(request)) {
                    assertThat(log.outcomes(request.notificationId())).containsExactly("SENT");
                }
            }
        }
        assertThat(log.metric("PossibleDuplicate"))
                .as("the send after the takeover is counted, whether or not the dead attempt had sent")
                .isEqualTo(1);
        assertThat(log.metricDocuments())
                .as("as CloudWatch reads it: an EMF document of the batch that took the claim over")
                .filteredOn(doc -> doc.path("PossibleDuplicate").asInt() == 1)
                .singleElement()
                .satisfies(doc -> {
                    JsonNode directive =
                            doc.path("_aws").path("CloudWatchMetrics").get(0);
                    assertThat(directive.path("Namespace").asText()).isEqualTo("SupportDesk/Notifications");
                    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Type\",\"Channel\"]]");
                    assertThat(directive.path("Metrics").findValuesAsText("Name"))
                            .contains("PossibleDuplicate");
                    assertThat(doc.path("Type").asText()).isEqualTo("VERIFICATION_SUCCEEDED");
                    assertThat(doc.path("Channel").asText()).isEqualTo("EMAIL");
                    assertThat(doc.path("Sent").asInt()).isEqualTo(7);
                    assertThat(doc.path("AlreadyDelivered").asInt()).isEqualTo(3);
                });
        assertThat(log.batches())
                .as("the whole batch came back")
                .anySatisfy(batch -> assertThat(batch.path("Records").asInt()).isEqualTo(10));
        assertThat(pipeline.queue(DeliveryPipeline.DEAD_LETTERS).waiting()).isZero();
    }

    @Test
    void theSameRequestPublishedAgainSendsOneEmail() throws Exception {
        Request request = pipeline.request();

        pipeline.publish(request); // the producer publishes; it dies before removing the request from its outbox
        pipeline.publish(request); // the sweep publishes it again from the outbox
        pipeline.awaitIdle();
        pipeline.publish(request); // and once more, long after it was sent
        pipeline.awaitIdle();

        assertThat(pipeline.mailsTo(request.address())).hasSize(1);
        assertThat(log.outcomes(request.notificationId())).containsExactly("SENT", "ALREADY_SENT", "ALREADY_SENT");
        assertThat(pipeline.deliveryStates(request.notificationId())).containsExactly("SENT");
        assertThat(log.metric("AlreadyDelivered")).isEqualTo(2);
    }

    private static List<String> bodies(List<Request> requests) {
        return requests.stream().map(r -> Json.write(r.body())).toList();
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DeliveryPipeline.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + DeliveryPipeline.PATIENCE + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    private static Set<String> addresses(List<Request> requests) {
        return requests.stream().map(Request::address).collect(Collectors.toSet());
    }
}
