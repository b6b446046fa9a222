package com.supportdesk.local;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What would have left the machine as an SMS or an SNS topic message, kept in memory and shown at
 * {@code GET /_local/outbox}. Bounded: the oldest messages are dropped beyond {@link #CAPACITY}.
 */
public final class LocalOutbox {
    public static final int CAPACITY = 1000;

    /** One message: {@code kind} is {@code SMS} (destination = E.164 number) or {@code TOPIC} (destination = topic ARN). */
    public record Message(
            long id,
            Instant at,
            String kind,
            String destination,
            String subject,
            String body,
            Map<String, String> attributes) {
        public Message {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Deque<Message> messages = new ArrayDeque<>();

    public LocalOutbox(Clock clock) {
        this.clock = clock;
    }

    public Message sms(String phoneNumber, String body) {
        return append("SMS", phoneNumber, null, body, Map.of());
    }

    public Message topic(String topicArn, String subject, String body, Map<String, String> attributes) {
        return append("TOPIC", topicArn, subject, body, attributes);
    }

    public Message append(
            String kind, String destination, String subject, String body, Map<String, String> attributes) {
        Message message =
                new Message(ids.incrementAndGet(), clock.instant(), kind, destination, subject, body, attributes);
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > CAPACITY) {
                messages.removeFirst();
            }
        }
        return message;
    }

    /** Oldest first. */
    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
