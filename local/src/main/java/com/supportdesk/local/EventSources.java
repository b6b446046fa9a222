package com.supportdesk.local;

import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.emulators.QueueAddress;
import com.supportdesk.local.emulators.SqsQueues;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.schedule.LocalSchedule;
import com.supportdesk.local.schedule.ScheduleExpression;
import com.supportdesk.local.sns.FilterPolicy;
import com.supportdesk.local.sns.LocalSns;
import com.supportdesk.local.sqs.SqsEventSourceMapping;
import com.supportdesk.local.template.EventSource;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything of the template that invokes functions other than an HTTP request, wired to the local
 * services: SNS subscriptions (functions and queues), SQS event sources (pollers) and schedules (on the
 * simulated clock). A template setting the runner cannot honour faithfully stops the start with a message
 * naming it, rather than running something that behaves differently from AWS.
 */
final class EventSources implements AutoCloseable {
    private final List<LocalSchedule> schedules;
    private final List<SqsEventSourceMapping> pollers;
    private final LocalSns sns;

    /** An event source of a loaded function, checked and about to start. */
    private record Planned<S>(LocalFunction function, S settings) {}

    private EventSources(List<LocalSchedule> schedules, List<SqsEventSourceMapping> pollers, LocalSns sns) {
        this.schedules = List.copyOf(schedules);
        this.pollers = List.copyOf(pollers);
        this.sns = sns;
    }

    /**
     * @param functions         the functions that could be loaded (the others' events are left out)
     * @param visibilityTimeout pollers receive with this instead of each queue's own (tests)
     */
    static EventSources start(
            SamTemplate template,
            LocalAws aws,
            LocalSns sns,
            SqsClient sqs,
            Map<String, LocalFunction> functions,
            SimulatedClock clock,
            Optional<Duration> visibilityTimeout) {
        Map<String, QueueAddress> queues = aws.emulators().queues();
        subscribeQueues(template, aws, sns, sqs, queues);
        subscribeFunctions(template, aws, sns, functions);
        // every event is checked before anything starts, so that a refused setting leaves nothing running
        List<Planned<SqsEventSourceMapping.Settings>> plannedPollers = new ArrayList<>();
        List<Planned<LocalSchedule.Settings>> plannedSchedules = new ArrayList<>();
        for (FunctionDefinition definition : template.functions()) {
            LocalFunction function = functions.get(definition.logicalId());
            for (EventSource event : definition.eventsOfType("SQS")) {
                SqsEventSourceMapping.Settings settings =
                        sqsSettings(template, aws, queues, definition, event, visibilityTimeout);
                if (enabled(event) && function != null) {
                    plannedPollers.add(new Planned<>(function, settings));
                }
            }
            for (EventSource event : definition.eventsOfType("Schedule")) {
                LocalSchedule.Settings settings = scheduleSettings(aws, definition, event);
                if (enabled(event) && function != null) {
                    plannedSchedules.add(new Planned<>(function, settings));
                }
            }
        }
        List<SqsEventSourceMapping> pollers = plannedPollers.stream()
                .map(p -> SqsEventSourceMapping.start(p.function(), p.settings(), sqs, Emulators.REGION))
                .toList();
        List<LocalSchedule> schedules = plannedSchedules.stream()
                .map(p -> LocalSchedule.start(p.function(), p.settings(), clock, Emulators.REGION, LocalAws.ACCOUNT))
                .toList();
        return new EventSources(schedules, pollers, sns);
    }

    /** {@code AWS::SNS::Subscription} with protocol {@code sqs}: the topic's messages go to the queue. */
    private static void subscribeQueues(
            SamTemplate template, LocalAws aws, LocalSns sns, SqsClient sqs, Map<String, QueueAddress> queues) {
        template.subscriptions().forEach((logicalId, properties) -> {
            String protocol = String.valueOf(properties.get("Protocol"));
            if (!protocol.equals("sqs")) {
                return; // email, https, sms...: outside the system; the topic's messages land in the outbox
            }
            String topicArn = aws.resolve(properties.get("TopicArn"));
            String endpoint = aws.resolve(properties.get("Endpoint"));
            QueueAddress queue = queueWithArn(queues, endpoint)
                    .orElseThrow(() -> new IllegalArgumentException("template.yaml: " + logicalId + " subscribes "
                            + endpoint + ", which is not a queue of the template"));
            boolean raw = "true".equalsIgnoreCase(String.valueOf(properties.get("RawMessageDelivery")));
            FilterPolicy filter =
                    FilterPolicy.of(properties.get("FilterPolicy"), properties.get("FilterPolicyScope"), logicalId);
            sns.subscribeQueue(topicArn, filter, sqs, queue, raw);
        });
    }

    /** Functions with an {@code SNS} event receive what is published to that topic. */
    private static void subscribeFunctions(
            SamTemplate template, LocalAws aws, LocalSns sns, Map<String, LocalFunction> functions) {
        for (FunctionDefinition definition : template.functions()) {
            LocalFunction function = functions.get(definition.logicalId());
            if (function == null) {
                continue;
            }
            for (EventSource event : definition.eventsOfType("SNS")) {
                String topicArn = aws.resolve(event.properties().get("Topic"));
                FilterPolicy filter = FilterPolicy.of(
                        event.properties().get("FilterPolicy"),
                        event.properties().get("FilterPolicyScope"),
                        definition.logicalId() + " " + event.name());
                sns.subscribeFunction(
                        topicArn,
                        filter,
                        (arn, json) -> function.invoke(json, UUID.randomUUID().toString()));
            }
        }
    }

    private static SqsEventSourceMapping.Settings sqsSettings(
            SamTemplate template,
            LocalAws aws,
            Map<String, QueueAddress> queues,
            FunctionDefinition definition,
            EventSource event,
            Optional<Duration> visibilityTimeout) {
        String where = "template.yaml: " + definition.logicalId() + " event " + event.name();
        Map<String, Object> properties = event.properties();
        if (properties.containsKey("FilterCriteria")) {
            throw new IllegalArgumentException(where + ": FilterCriteria is not applied by the local runner");
        }
        String queueArn = aws.resolve(properties.get("Queue"));
        QueueAddress queue = queueWithArn(queues, queueArn)
                .orElseThrow(() ->
                        new IllegalArgumentException(where + ": " + queueArn + " is not a queue of the template"));
        String logicalId = queues.entrySet().stream()
                .filter(e -> e.getValue().equals(queue))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        Map<String, Object> queueProperties = template.queues().get(logicalId);
        boolean reportFailures = properties.get("FunctionResponseTypes") instanceof List<?> types
                && types.stream().map(String::valueOf).anyMatch("ReportBatchItemFailures"::equals);
        return new SqsEventSourceMapping.Settings(
                event.name(),
                queue,
                intProperty(properties, "BatchSize", 10, where),
                Duration.ofSeconds(intProperty(properties, "MaximumBatchingWindowInSeconds", 0, where)),
                reportFailures,
                SqsQueues.maxReceiveCountOf(queueProperties),
                SqsQueues.deadLetterQueueOf(queueProperties),
                visibilityTimeout);
    }

    private static LocalSchedule.Settings scheduleSettings(
            LocalAws aws, FunctionDefinition definition, EventSource event) {
        String where = "template.yaml: " + definition.logicalId() + " event " + event.name();
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(aws.resolve(event.properties().get("Schedule")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        Object name = event.properties().get("Name");
        String ruleName =
                name != null ? aws.resolve(name) : "support-desk-local-" + definition.logicalId() + event.name();
        String ruleArn = "arn:aws:events:" + Emulators.REGION + ":" + LocalAws.ACCOUNT + ":rule/" + ruleName;
        Optional<String> input =
                Optional.ofNullable(event.properties().get("Input")).map(aws::resolve);
        return new LocalSchedule.Settings(event.name(), expression, input, ruleArn);
    }

    /** SAM's {@code Enabled: false} (SQS and Schedule) and {@code State: DISABLED} (Schedule). */
    private static boolean enabled(EventSource event) {
        Object enabled = event.properties().get("Enabled");
        Object state = event.properties().get("State");
        return !"false".equalsIgnoreCase(String.valueOf(enabled)) && !"DISABLED".equals(String.valueOf(state));
    }

    private static int intProperty(Map<String, Object> properties, String name, int fallback, String where) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + name + " must be a whole number, not " + value);
        }
    }

    private static Optional<QueueAddress> queueWithArn(Map<String, QueueAddress> queues, String arn) {
        return queues.values().stream().filter(q -> q.arn().equals(arn)).findFirst();
    }

    List<SqsEventSourceMapping> pollers() {
        return pollers;
    }

    List<LocalSchedule> schedules() {
        return schedules;
    }

    /** Logical id of each polled queue → the functions polling it. */
    Map<String, List<String>> pollersByQueue(Map<String, QueueAddress> queues) {
        Map<String, List<String>> byQueue = new LinkedHashMap<>();
        queues.forEach((logicalId, address) -> pollers.stream()
                .filter(p -> p.settings().queue().equals(address))
                .forEach(p -> byQueue.computeIfAbsent(logicalId, k -> new ArrayList<>())
                        .add(p.functionName())));
        return byQueue;
    }

    /**
     * What is going on right now, upstream first (schedules, then SNS deliveries, then queues), so that
     * work one of them hands to the next is seen in the same pass. Empty when nothing is.
     */
    List<String> busyWith() {
        List<String> busy = new ArrayList<>();
        schedules.forEach(s -> s.busyWith().ifPresent(busy::add));
        sns.busyWith().ifPresent(busy::add);
        pollers.forEach(p -> p.busyWith().ifPresent(busy::add));
        return busy;
    }

    @Override
    public void close() {
        schedules.forEach(LocalSchedule::close);
        pollers.forEach(SqsEventSourceMapping::close);
    }
}
