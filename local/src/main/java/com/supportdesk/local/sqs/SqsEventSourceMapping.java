package com.supportdesk.local.sqs;

import com.supportdesk.local.emulators.QueueAddress;
import com.supportdesk.local.lambda.LocalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * An {@code SQS} event of a function, run the way Lambda's SQS integration runs it: one poller long-polls
 * the queue, hands the function a batch of up to {@code BatchSize} records as an {@code SQSEvent}, and
 * deletes what succeeded. A function that throws, or (with {@code ReportBatchItemFailures}) answers with
 * something malformed, deletes nothing; with {@code ReportBatchItemFailures} the ids it lists stay. What
 * stays comes back after the visibility timeout, and after {@code maxReceiveCount} receives the queue's
 * redrive policy moves it to the dead-letter queue (ElasticMQ does that part, as SQS does).
 *
 * <p>One poller per event source, and the function handles one batch at a time, like one Lambda execution
 * environment; {@link #close()} lets the batch in hand finish and stops.
 */
public final class SqsEventSourceMapping implements AutoCloseable {
    /** Short long polls: real time between an incoming message and the poller is unchanged, and stopping is quick. */
    static final int POLL_WAIT_SECONDS = 1;

    private static final int MAX_RECEIVE = 10;

    /**
     * How the template configures the event source.
     *
     * @param eventName               the event's name under the function's {@code Events}
     * @param queue                   the queue it polls
     * @param batchSize               {@code BatchSize} (SAM default 10)
     * @param batchingWindow          {@code MaximumBatchingWindowInSeconds}: how long to gather records when
     *                                one receive does not fill a batch (default 0)
     * @param reportBatchItemFailures {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
     * @param maxReceiveCount         of the queue's redrive policy, to tell the developer when a record goes
     *                                to the dead-letter queue; empty without one
     * @param deadLetterQueue         the redrive policy's queue, by logical id; empty without one
     * @param visibilityTimeout       receive with this visibility timeout instead of the queue's (tests)
     */
    public record Settings(
            String eventName,
            QueueAddress queue,
            int batchSize,
            Duration batchingWindow,
            boolean reportBatchItemFailures,
            Optional<Integer> maxReceiveCount,
            Optional<String> deadLetterQueue,
            Optional<Duration> visibilityTimeout) {
        public Settings {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException(eventName + ": BatchSize must be from 1 to 10000, not " + batchSize);
            }
        }
    }

    private final LocalFunction function;
    private final Settings settings;
    private final SqsClient sqs;
    private final String region;
    private final Thread poller;
    private volatile boolean stopping;
    private volatile int batchInHand;

    private SqsEventSourceMapping(LocalFunction function, Settings settings, SqsClient sqs, String region) {
        this.function = function;
        this.settings = settings;
        this.sqs = sqs;
        this.region = region;
        this.poller = new Thread(this::poll, "sqs-poller-" + function.name() + "-" + settings.eventName());
        this.poller.setDaemon(true);
    }

    /** Starts polling at once. */
    public static SqsEventSourceMapping start(LocalFunction function, Settings settings, SqsClient sqs, String region) {
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(function, settings, sqs, region);
        mapping.poller.start();
        return mapping;
    }

    public String functionName() {
        return function.name();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * What keeps this event source from being idle: a batch in the function's hands, or records in the
     * queue that are waiting, delayed, or received and not yet deleted (including failed ones waiting for
     * their visibility timeout). Empty when the queue is drained.
     */
    public Optional<String> busyWith() {
        int inHand = batchInHand;
        if (inHand > 0) {
            return Optional.of(function.name() + " is handling a batch of " + inHand + " from "
                    + settings.queue().name());
        }
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        b -> b.queueUrl(settings.queue().url())
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        long waiting = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        long inFlight = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        long delayed = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        if (waiting + inFlight + delayed == 0) {
            return Optional.empty();
        }
        return Optional.of(settings.queue().name() + " (polled by " + function.name() + ") has " + waiting
                + " waiting, " + inFlight + " received and not deleted, " + delayed + " delayed");
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private void poll() {
        boolean reachable = true;
        while (!stopping) {
            List<Message> batch;
            try {
                batch = receiveBatch();
                reachable = true;
            } catch (RuntimeException e) {
                // SQS unreachable, or its client closed under a poller that outlived close()
                if (stopping) {
                    return;
                }
                if (reachable) {
                    System.err.println("[local] " + function.name() + ": cannot receive from "
                            + settings.queue().name() + " (" + e.getMessage() + "); retrying");
                    reachable = false;
                }
                if (!pause(Duration.ofSeconds(1))) {
                    return;
                }
                continue;
            }
            if (batch.isEmpty()) {
                continue;
            }
            batchInHand = batch.size();
            try {
                handle(batch);
            } finally {
                batchInHand = 0;
            }
        }
    }

    /** One receive; more when a batch larger than ten is asked for, within the batching window. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(Math.min(MAX_RECEIVE, settings.batchSize()), POLL_WAIT_SECONDS));
        long deadline = System.nanoTime() + settings.batchingWindow().toNanos();
        while (!batch.isEmpty() && batch.size() < settings.batchSize() && !stopping) {
            boolean windowOpen = System.nanoTime() < deadline;
            List<Message> more =
                    receive(Math.min(MAX_RECEIVE, settings.batchSize() - batch.size()), windowOpen ? 1 : 0);
            if (more.isEmpty() && !windowOpen) {
                break;
            }
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                .queueUrl(settings.queue().url())
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All");
        settings.visibilityTimeout().ifPresent(timeout -> request.visibilityTimeout((int) timeout.toSeconds()));
        return sqs.receiveMessage(request.build()).messages();
    }

    private void handle(List<Message> batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(message -> ids.add(message.messageId()));
        String requestId = UUID.randomUUID().toString();
        byte[] event = SqsEvents.event(batch, settings.queue().arn(), region);
        SqsEvents.BatchResult result;
        try {
            byte[] response = function.invoke(event, requestId);
            result = settings.reportBatchItemFailures()
                    ? SqsEvents.reportedFailures(response, ids)
                    : new SqsEvents.BatchResult(Set.of(), null);
        } catch (RuntimeException e) {
            Throwable cause =
                    e instanceof LocalFunction.FunctionErrorException && e.getCause() != null ? e.getCause() : e;
            System.err.println("[local] " + function.name() + " " + requestId + " failed on a batch of " + batch.size()
                    + " from " + settings.queue().name() + ":");
            cause.printStackTrace(System.err);
            result = new SqsEvents.BatchResult(ids, "the function failed");
        }
        if (result.reason() != null) {
            System.err.println("[local] " + function.name() + " " + requestId + ": " + result.reason() + "; "
                    + result.failed().size() + " record(s) stay in "
                    + settings.queue().name()
                    + " and return after the visibility timeout");
            tellAboutLastReceives(batch, result.failed());
        }
        Set<String> failed = result.failed();
        delete(batch.stream()
                .filter(message -> !failed.contains(message.messageId()))
                .toList());
    }

    private void tellAboutLastReceives(List<Message> batch, Set<String> failed) {
        if (settings.maxReceiveCount().isEmpty()) {
            return;
        }
        int max = settings.maxReceiveCount().get();
        for (Message message : batch) {
            String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            if (failed.contains(message.messageId()) && count != null && Integer.parseInt(count) >= max) {
                System.err.println("[local] " + message.messageId() + " failed its receive " + count + " of " + max
                        + ": it moves to the dead-letter queue "
                        + settings.deadLetterQueue().orElse("?") + " (GET /_local/queues)");
            }
        }
    }

    private void delete(List<Message> succeeded) {
        for (int from = 0; from < succeeded.size(); from += MAX_RECEIVE) {
            List<Message> chunk = succeeded.subList(from, Math.min(succeeded.size(), from + MAX_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(
                        b -> b.queueUrl(settings.queue().url()).entries(entries));
                response.failed()
                        .forEach(failure -> System.err.println("[local] " + function.name() + ": could not delete a"
                                + " processed record from " + settings.queue().name() + " (" + failure.message()
                                + "); it will be delivered again"));
            } catch (SdkException e) {
                if (!stopping) {
                    System.err.println("[local] " + function.name() + ": could not delete processed records from "
                            + settings.queue().name() + " (" + e.getMessage() + "); they will be delivered again");
                }
            }
        }
    }

    /** @return false when interrupted */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops polling; a batch in the function's hands is finished first (waited for up to {@code grace}). */
    public void stop(Duration grace) {
        stopping = true;
        try {
            poller.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(POLL_WAIT_SECONDS + 10));
    }
}
