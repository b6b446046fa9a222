package com.supportdesk.local.sqs;

import com.supportdesk.local.emulators.QueueAddress;
import com.supportdesk.local.emulators.SqsQueues;
import com.supportdesk.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues of the template as they are right now, for {@code GET /_local/queues} and for tests: how
 * many messages each holds, where its dead letters go, who polls it, and what waits in a dead-letter queue.
 */
public final class LocalQueues {
    /** How many messages {@link #peek} shows at most (one receive). */
    public static final int PEEK_LIMIT = 10;

    /**
     * One queue now.
     *
     * @param waiting         visible messages (ApproximateNumberOfMessages)
     * @param inFlight        received and neither deleted nor back yet (ApproximateNumberOfMessagesNotVisible)
     * @param delayed         sent with a delay that has not passed
     * @param deadLetterQueue logical id of the queue its redrive policy moves messages to, or null
     * @param maxReceiveCount receives before that happens, or null
     * @param deadLetterFor   logical ids of the queues that redrive to this one (empty if it is no dead-letter queue)
     * @param subscribedTo    logical ids of the topics whose messages SNS delivers to this queue
     * @param polledBy        functions with an SQS event on this queue
     * @param deadLetters     for a dead-letter queue that nothing polls: up to {@link #PEEK_LIMIT} of its messages
     */
    public record QueueState(
            String logicalId,
            String name,
            String url,
            String arn,
            long waiting,
            long inFlight,
            long delayed,
            String deadLetterQueue,
            Integer maxReceiveCount,
            List<String> deadLetterFor,
            List<String> subscribedTo,
            List<String> polledBy,
            List<QueuedMessage> deadLetters) {}

    /** A message seen in a queue without taking it away. */
    public record QueuedMessage(
            String messageId,
            String body,
            Map<String, String> messageAttributes,
            int receiveCount,
            String sentTimestamp) {}

    private final SqsClient sqs;
    private final Map<String, QueueAddress> queues;
    private final Map<String, Map<String, Object>> declared;
    private final Map<String, List<String>> pollers;
    private final Map<String, List<String>> topics;

    /**
     * @param pollers logical id of a queue → the functions that poll it
     */
    public LocalQueues(
            SqsClient sqs, Map<String, QueueAddress> queues, SamTemplate template, Map<String, List<String>> pollers) {
        this.sqs = sqs;
        this.queues = Map.copyOf(queues);
        this.declared = template.queues();
        this.pollers = Map.copyOf(pollers);
        this.topics = subscribedTopics(template);
    }

    /** Queue → the topics an {@code AWS::SNS::Subscription} of protocol sqs connects it to. */
    private static Map<String, List<String>> subscribedTopics(SamTemplate template) {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        template.subscriptions().values().stream()
                .filter(subscription -> "sqs".equals(String.valueOf(subscription.get("Protocol"))))
                .forEach(subscription -> {
                    String queue = referencedId(subscription.get("Endpoint"));
                    String topic = referencedId(subscription.get("TopicArn"));
                    if (queue != null && topic != null) {
                        topics.computeIfAbsent(queue, k -> new ArrayList<>()).add(topic);
                    }
                });
        return Map.copyOf(topics);
    }

    /** The logical id in {@code !Ref X} or {@code !GetAtt X.Attribute}, else null. */
    private static String referencedId(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Ref") != null) {
                return String.valueOf(map.get("Ref"));
            }
            if (map.get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
                return String.valueOf(parts.get(0));
            }
        }
        return null;
    }

    /** The SQS client the runner uses (ElasticMQ): tests may send, receive or purge with it. */
    public SqsClient client() {
        return sqs;
    }

    /** Logical ids, in template order. */
    public Set<String> logicalIds() {
        return declared.keySet();
    }

    public QueueAddress address(String logicalId) {
        QueueAddress address = queues.get(logicalId);
        if (address == null) {
            throw new IllegalArgumentException("No queue " + logicalId + " in the template; there are " + logicalIds());
        }
        return address;
    }

    /** Every queue of the template, in template order. */
    public List<QueueState> states() {
        return logicalIds().stream().map(this::state).toList();
    }

    public QueueState state(String logicalId) {
        QueueAddress address = address(logicalId);
        Map<String, Object> properties = declared.get(logicalId);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(address.url())
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        List<String> deadLetterFor = new ArrayList<>();
        declared.forEach((id, other) -> SqsQueues.deadLetterQueueOf(other)
                .filter(logicalId::equals)
                .ifPresent(target -> deadLetterFor.add(id)));
        List<String> polledBy = pollers.getOrDefault(logicalId, List.of());
        boolean peekable = !deadLetterFor.isEmpty() && polledBy.isEmpty();
        return new QueueState(
                logicalId,
                address.name(),
                address.url(),
                address.arn(),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
                SqsQueues.deadLetterQueueOf(properties).orElse(null),
                SqsQueues.maxReceiveCountOf(properties).orElse(null),
                List.copyOf(deadLetterFor),
                List.copyOf(topics.getOrDefault(logicalId, List.of())),
                polledBy,
                peekable ? peek(logicalId) : List.of());
    }

    /**
     * Up to {@link #PEEK_LIMIT} messages of a queue, left where they are (received with a visibility
     * timeout of 0). Refused for a queue that a function polls, or that has a redrive policy: a receive
     * counts towards {@code maxReceiveCount} and would compete with the poller.
     */
    public List<QueuedMessage> peek(String logicalId) {
        QueueAddress address = address(logicalId);
        if (!pollers.getOrDefault(logicalId, List.of()).isEmpty()
                || SqsQueues.deadLetterQueueOf(declared.get(logicalId)).isPresent()) {
            throw new IllegalArgumentException(logicalId + " is polled or has a redrive policy: peeking would take"
                    + " messages from the poller or move them towards the dead-letter queue");
        }
        List<QueuedMessage> messages = new ArrayList<>();
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(address.url())
                        .maxNumberOfMessages(PEEK_LIMIT)
                        .visibilityTimeout(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            String receives = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            messages.add(new QueuedMessage(
                    message.messageId(),
                    message.body(),
                    attributes,
                    receives == null ? 0 : Integer.parseInt(receives),
                    message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)));
        }
        return messages;
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
