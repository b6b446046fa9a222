package com.supportdesk.it.notifications;

import com.supportdesk.local.LocalAws;
import com.supportdesk.local.LocalRunner;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.emulators.SentEmail;
import com.supportdesk.local.sqs.LocalQueues;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.notifications.requests.NotificationDetails;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.RegisteredContacts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The delivery half of the system as deployed, on one machine: the local runner with the queues of
 * template.yaml in ElasticMQ ({@code NotificationsQueue}, dead letters to {@code NotificationsDeadLetterQueue}
 * after 5 receives), the topic subscription that feeds it, and its poller handing batches of up to 10 to the
 * real dispatcher function, whose SES calls go through a {@link SesStandIn} in front of aws-ses-v2-local.
 * Failed records come back after 1 s instead of 180 s.
 *
 * <p>Requests are published to {@code NotificationsTopic} by the producers' own publisher. Each goes to the
 * registered contacts of an organisation of its own, which has one mailbox: one request, one email.
 */
final class DeliveryPipeline implements AutoCloseable {
    static final String DISPATCHER = "NotificationDispatcherFunction";
    static final String QUEUE = "NotificationsQueue";
    static final String DEAD_LETTERS = "NotificationsDeadLetterQueue";
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(1);
    /** Long enough for a request to be received 5 times and moved to the dead-letter queue. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One published request and the one mailbox it goes to. */
    record Request(String notificationId, String tenant, String address, NotificationRequest body) {}

    final SesStandIn ses;
    final LocalRunner runner;
    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final SnsNotificationPublisher publisher;

    private DeliveryPipeline(SesStandIn ses, LocalRunner runner) {
        this.ses = ses;
        this.runner = runner;
        this.dynamo = runner.emulators().dynamoDbClient();
        this.sns = SnsClient.builder()
                .region(Region.of(Emulators.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(runner.snsEndpoint())
                .build();
        this.publisher = new SnsNotificationPublisher(sns, LocalAws.topicArn("NotificationsTopic"));
    }

    static DeliveryPipeline start() throws IOException {
        SesStandIn ses = new SesStandIn();
        try {
            LocalRunner runner = LocalRunner.start(LocalRunner.Options.forTests()
                    .withSeed(false)
                    .withVisibilityTimeout(VISIBILITY_TIMEOUT)
                    .withEnvironmentOverride(DISPATCHER, "AWS_ENDPOINT_URL_SESV2", ses.url()));
            ses.forwardTo(runner.emulators().sesEndpoint());
            return new DeliveryPipeline(ses, runner);
        } catch (IOException | RuntimeException e) {
            ses.close();
            throw e;
        }
    }

    // ------------------------------------------------------------ requests

    /** {@code count} requests, each to an organisation of its own; nothing published yet. */
    List<Request> requests(int count) {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(request());
        }
        return requests;
    }

    /** A "caller verified" notice to the registered contacts of a new organisation with one mailbox. */
    Request request() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String address = "admin@" + tenant + ".example";
        new OrganizationRepository(dynamo, table("OrganizationsTable"))
                .save(new Organization(
                        tenant,
                        "Fabrikam " + tenant,
                        "CN",
                        SupportPlan.ADVANCED,
                        Language.EN,
                        new RegisteredContacts(List.of(address), List.of()),
                        null,
                        1,
                        runner.clock().instant(),
                        "operator-1"));
        String notificationId = "VER-" + tenant + "#verified";
        NotificationRequest body = NotificationRequest.of(
                notificationId,
                NotificationType.VERIFICATION_SUCCEEDED,
                tenant,
                null,
                Recipient.registeredContacts(),
                Language.EN,
                runner.clock().instant(),
                Map.of(
                        NotificationDetails.METHOD, "CODE",
                        NotificationDetails.MASKED_DESTINATION, "i***@fabrikam.example",
                        NotificationDetails.GRANT_EXPIRES_AT, "2026-11-27T01:30:00Z"));
        return new Request(notificationId, tenant, address, body);
    }

    /** Publishes to the notifications topic as the case functions and the sweep do. */
    void publish(Request request) {
        publisher.publish(request.body());
    }

    void publish(List<Request> requests) {
        requests.forEach(this::publish);
    }

    /**
     * Publishes {@code requests} so that the dispatcher gets them in one batch: while it is busy with a
     * request whose mail SES takes a while to accept (the poller hands over one batch at a time), they all
     * wait in the queue, and its next receive takes them together.
     */
    void publishAsOneBatch(List<Request> requests) throws InterruptedException {
        if (requests.size() > 10) {
            throw new IllegalArgumentException("A batch holds at most 10 records");
        }
        Request holder = request();
        ses.slowFor(holder.address(), Duration.ofMillis(1500));
        publish(holder);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.busyWith().stream().noneMatch(busy -> busy.startsWith(DISPATCHER + " is handling a batch"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The dispatcher never took the holding request: " + runner.busyWith());
            }
            Thread.sleep(5);
        }
        publish(requests);
    }

    // ------------------------------------------------------------ what came of them

    void awaitIdle() throws InterruptedException, TimeoutException {
        runner.awaitIdle(PATIENCE);
    }

    /** Every email aws-ses-v2-local accepted for {@code address}. */
    List<SentEmail> mailsTo(String address) {
        return runner.emulators().sentEmails().stream()
                .filter(mail -> mail.to().contains(address))
                .toList();
    }

    /** The states of the delivery records of one notification (a test-only scan: the dispatcher never scans). */
    List<String> deliveryStates(String notificationId) {
        return dynamo
                .scan(b -> b.tableName(table("DeliveriesTable"))
                        .consistentRead(true)
                        .filterExpression("notificationId = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(notificationId))))
                .items()
                .stream()
                .map(item -> item.get("state").s())
                .toList();
    }

    /** How often the one delivery of {@code notificationId} was claimed: 2 after a takeover. */
    int claims(String notificationId) {
        return dynamo
                .scan(b -> b.tableName(table("DeliveriesTable"))
                        .consistentRead(true)
                        .filterExpression("notificationId = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(notificationId))))
                .items()
                .stream()
                .mapToInt(item -> Integer.parseInt(item.get("attempts").n()))
                .sum();
    }

    LocalQueues.QueueState queue(String logicalId) {
        return runner.queues().state(logicalId);
    }

    /** The bodies waiting in the dead-letter queue (up to 10), left in place. */
    List<String> deadLetters() {
        return runner.queues().peek(DEAD_LETTERS).stream()
                .map(LocalQueues.QueuedMessage::body)
                .toList();
    }

    /**
     * What the runbook says to do once the cause is fixed: move every dead letter back to the notifications
     * queue with the SQS API ({@code StartMessageMoveTask}, the console's "Start DLQ redrive").
     */
    void redriveDeadLetters() throws InterruptedException {
        SqsClient sqs = runner.queues().client();
        sqs.startMessageMoveTask(
                b -> b.sourceArn(runner.queues().address(DEAD_LETTERS).arn())
                        .destinationArn(runner.queues().address(QUEUE).arn()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queue(DEAD_LETTERS).waiting() + queue(DEAD_LETTERS).inFlight() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The redrive did not empty the dead-letter queue: " + queue(DEAD_LETTERS));
            }
            Thread.sleep(20);
        }
    }

    private String table(String logicalId) {
        return runner.emulators().tableNames().get(logicalId);
    }

    @Override
    public void close() {
        try {
            sns.close();
            dynamo.close();
            runner.close();
        } finally {
            ses.close();
        }
    }
}
