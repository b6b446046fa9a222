package com.supportdesk.local.emulators;

import com.supportdesk.api.Json;
import com.supportdesk.local.template.Intrinsics;
import com.supportdesk.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the SQS queues exactly as {@code template.yaml} defines them: visibility timeout, retention,
 * delay, FIFO, and the redrive policy (dead-letter queue and {@code maxReceiveCount}). A queue is named
 * after its logical id locally ({@code .fifo} added for FIFO queues), like the tables.
 */
public final class SqsQueues {
    /** Template properties that are queue attributes under the same name. */
    private static final List<String> PLAIN_ATTRIBUTES = List.of(
            "VisibilityTimeout",
            "MessageRetentionPeriod",
            "DelaySeconds",
            "MaximumMessageSize",
            "ReceiveMessageWaitTimeSeconds",
            "FifoQueue",
            "ContentBasedDeduplication");

    private SqsQueues() {}

    /** Creates every queue, dead-letter queues first; returns logical id → where it is. */
    public static Map<String, QueueAddress> createAll(SqsClient client, SamTemplate template) {
        Map<String, Map<String, Object>> declared = template.resourcesOfType(SamTemplate.QUEUE);
        Map<String, QueueAddress> created = new LinkedHashMap<>();
        for (String logicalId : creationOrder(declared)) {
            Map<String, Object> properties = declared.get(logicalId);
            String name = isFifo(properties) ? logicalId + ".fifo" : logicalId;
            Map<String, String> attributes = attributes(logicalId, properties, created);
            String url = client.createQueue(b -> b.queueName(name).attributesWithStrings(attributes))
                    .queueUrl();
            String arn = client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            created.put(logicalId, new QueueAddress(name, url, arn));
        }
        // template order, not creation order, for whoever lists them
        Map<String, QueueAddress> ordered = new LinkedHashMap<>();
        declared.keySet().forEach(id -> ordered.put(id, created.get(id)));
        return ordered;
    }

    /** The logical id of the dead-letter queue {@code properties} redrive to, if any. */
    public static Optional<String> deadLetterQueueOf(Map<String, Object> properties) {
        Map<String, Object> redrive = redrivePolicy(properties);
        return Optional.ofNullable(redrive.get("deadLetterTargetArn")).map(SqsQueues::logicalIdOf);
    }

    /** The {@code maxReceiveCount} of the queue's redrive policy, if it has one. */
    public static Optional<Integer> maxReceiveCountOf(Map<String, Object> properties) {
        return Optional.ofNullable(redrivePolicy(properties).get("maxReceiveCount"))
                .map(value -> Integer.parseInt(String.valueOf(value)));
    }

    static Map<String, String> attributes(
            String logicalId, Map<String, Object> properties, Map<String, QueueAddress> created) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : PLAIN_ATTRIBUTES) {
            Object value = properties.get(name);
            if (value != null) {
                attributes.put(name, String.valueOf(value));
            }
        }
        Map<String, Object> redrive = redrivePolicy(properties);
        if (!redrive.isEmpty()) {
            Object target = redrive.get("deadLetterTargetArn");
            Map<String, String> arns = new LinkedHashMap<>();
            created.forEach((id, queue) -> arns.put(id + ".Arn", queue.arn()));
            String targetArn;
            try {
                targetArn = Intrinsics.resolve(target, Map.of(), arns);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "template.yaml: the RedrivePolicy of " + logicalId
                                + " must name a queue of the template with !GetAtt <Queue>.Arn",
                        e);
            }
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", targetArn);
            policy.put("maxReceiveCount", Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount"))));
            attributes.put("RedrivePolicy", Json.write(policy));
        }
        return attributes;
    }

    /** Dead-letter queues before the queues that redrive to them (a chain is allowed, a cycle is not). */
    private static List<String> creationOrder(Map<String, Map<String, Object>> declared) {
        List<String> order = new ArrayList<>();
        for (String id : declared.keySet()) {
            visit(id, declared, order, new ArrayList<>());
        }
        return order;
    }

    private static void visit(
            String id, Map<String, Map<String, Object>> declared, List<String> order, List<String> path) {
        if (order.contains(id)) {
            return;
        }
        if (path.contains(id)) {
            throw new IllegalArgumentException("template.yaml: the redrive policies of " + path + " form a cycle");
        }
        Map<String, Object> properties = declared.get(id);
        if (properties == null) {
            throw new IllegalArgumentException(
                    "template.yaml: " + path.get(path.size() - 1) + " redrives to " + id + ", which is not a queue");
        }
        path.add(id);
        deadLetterQueueOf(properties).ifPresent(target -> visit(target, declared, order, path));
        path.remove(path.size() - 1);
        order.add(id);
    }

    private static boolean isFifo(Map<String, Object> properties) {
        return "true".equalsIgnoreCase(String.valueOf(properties.get("FifoQueue")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redrivePolicy(Map<String, Object> properties) {
        Object policy = properties.get("RedrivePolicy");
        if (policy instanceof String json) {
            return Json.read(json, Map.class);
        }
        return policy instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** {@code !GetAtt Dlq.Arn} → {@code Dlq}; a literal ARN → its last segment. */
    private static String logicalIdOf(Object target) {
        if (target instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> parts) {
            return String.valueOf(parts.get(0));
        }
        String text = String.valueOf(target);
        return text.substring(text.lastIndexOf(':') + 1);
    }
}
