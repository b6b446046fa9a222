package com.supportdesk.local.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.supportdesk.api.Json;
import com.supportdesk.local.LocalOutbox;
import com.supportdesk.local.emulators.QueueAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The local runner's stand-in for Amazon SNS {@code Publish} (AWS query protocol), so that functions use
 * their real SDK client locally.
 *
 * <ul>
 *   <li>An SMS ({@code PhoneNumber}) lands in the {@link LocalOutbox}.</li>
 *   <li>A topic message goes to the topic's subscribers in the template: to a queue (an
 *       {@code AWS::SNS::Subscription} with protocol {@code sqs}) before Publish returns, and to a function
 *       (an {@code SNS} event) asynchronously, as SNS does. Filter policies on exact attribute values apply.</li>
 *   <li>A topic message of a topic that nothing in the template subscribes to lands in the outbox: deployed,
 *       it would leave the system (the pager, the agents' chat), and that is where a developer sees it.</li>
 * </ul>
 *
 * <p>Only the runner uses it; tests of the SNS adapters use WireMock.
 */
public final class LocalSns implements AutoCloseable {
    private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final HttpServer server;
    private final ExecutorService deliveries;
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private final LocalOutbox outbox;
    private final Clock clock;
    private final Map<String, List<Subscriber>> subscribers = new LinkedHashMap<>();

    /** One subscription: which messages it takes, and whether it is delivered after Publish returns. */
    private record Subscriber(FilterPolicy filter, boolean async, Consumer<Publication> delivery) {}

    private LocalSns(HttpServer server, ExecutorService deliveries, LocalOutbox outbox, Clock clock) {
        this.server = server;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
    }

    public static LocalSns start(LocalOutbox outbox, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService deliveries = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-sns-delivery");
            t.setDaemon(true);
            return t;
        });
        LocalSns sns = new LocalSns(server, deliveries, outbox, clock);
        server.createContext("/", sns::handle);
        server.start();
        return sns;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Delivers every message published to {@code topicArn} that passes {@code filter} to {@code function},
     * asynchronously: it receives the topic ARN and the SNS event JSON of one record, as Lambda builds it.
     */
    public void subscribeFunction(String topicArn, FilterPolicy filter, BiConsumer<String, byte[]> function) {
        add(topicArn, new Subscriber(filter, true, publication -> function.accept(topicArn, snsEvent(publication))));
    }

    /**
     * Sends every message published to {@code topicArn} that passes {@code filter} to {@code queue} before
     * Publish returns: with {@code rawMessageDelivery} the message itself with its attributes as message
     * attributes, otherwise the SNS JSON envelope, as SNS does.
     */
    public void subscribeQueue(
            String topicArn, FilterPolicy filter, SqsClient sqs, QueueAddress queue, boolean rawMessageDelivery) {
        add(topicArn, new Subscriber(filter, false, publication -> {
            if (rawMessageDelivery) {
                Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
                publication.attributes().forEach((name, attribute) -> attributes.put(name, sqsAttribute(attribute)));
                sqs.sendMessage(b -> b.queueUrl(queue.url())
                        .messageBody(publication.message())
                        .messageAttributes(attributes));
            } else {
                sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(envelope(publication)));
            }
        }));
    }

    private synchronized void add(String topicArn, Subscriber subscriber) {
        subscribers.computeIfAbsent(topicArn, k -> new ArrayList<>()).add(subscriber);
    }

    /** Whether the template subscribes anything to the topic (its messages then stay inside the system). */
    public synchronized boolean hasSubscribers(String topicArn) {
        return subscribers.containsKey(topicArn);
    }

    /** What is still to be handed to a subscribed function, if anything. */
    public Optional<String> busyWith() {
        int pending = pendingDeliveries.get();
        return pending == 0
                ? Optional.empty()
                : Optional.of("SNS: " + pending + " message(s) still to be delivered to subscribed functions");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || !"Publish".equals(form.get("Action"))) {
                reply(exchange, 400, error("InvalidAction", "Only Publish is available locally"));
                return;
            }
            Map<String, Publication.Attribute> attributes = attributes(form);
            String messageId = UUID.randomUUID().toString();
            if (form.containsKey("PhoneNumber")) {
                Map<String, String> texts = new LinkedHashMap<>();
                attributes.forEach((name, attribute) -> texts.put(name, attribute.text()));
                outbox.append("SMS", form.get("PhoneNumber"), null, form.get("Message"), texts);
            } else if (form.containsKey("TopicArn")) {
                publish(new Publication(
                        messageId,
                        form.get("TopicArn"),
                        form.get("Subject"),
                        form.get("Message"),
                        attributes,
                        clock.instant()));
            } else {
                reply(exchange, 400, error("InvalidParameter", "TopicArn or PhoneNumber is required"));
                return;
            }
            reply(
                    exchange,
                    200,
                    "<PublishResponse xmlns=\"" + NS + "\"><PublishResult><MessageId>" + messageId
                            + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
                            + "</RequestId></ResponseMetadata></PublishResponse>");
        }
    }

    private void publish(Publication publication) {
        String topicArn = publication.topicArn();
        List<Subscriber> targets;
        synchronized (this) {
            targets = subscribers.get(topicArn);
            targets = targets == null ? null : List.copyOf(targets);
        }
        if (targets == null) {
            outbox.topic(topicArn, publication.subject(), publication.message(), publication.attributeTexts());
            return;
        }
        for (Subscriber target : targets) {
            if (!target.filter().matches(publication.attributes())) {
                continue;
            }
            if (!target.async()) {
                deliver(target, publication);
                continue;
            }
            pendingDeliveries.incrementAndGet();
            try {
                deliveries.submit(() -> {
                    try {
                        deliver(target, publication);
                    } finally {
                        pendingDeliveries.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                pendingDeliveries.decrementAndGet();
                throw e;
            }
        }
    }

    private static void deliver(Subscriber target, Publication publication) {
        try {
            target.delivery().accept(publication);
        } catch (RuntimeException e) {
            // SNS would retry; locally the developer needs to see that a message went nowhere
            System.err.println("[local] SNS: delivery of " + publication.messageId() + " from " + publication.topicArn()
                    + " to a subscriber failed: " + e);
        }
    }

    /** The Lambda event of an {@code SNS} trigger, one record. */
    private static byte[] snsEvent(Publication publication) {
        Map<String, Object> sns = new LinkedHashMap<>();
        sns.put("Type", "Notification");
        sns.put("MessageId", publication.messageId());
        sns.put("TopicArn", publication.topicArn());
        sns.put("Subject", publication.subject());
        sns.put("Message", publication.message());
        sns.put("Timestamp", publication.timestamp().toString());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "");
        sns.put("SigningCertUrl", "");
        sns.put("UnsubscribeUrl", "");
        sns.put("MessageAttributes", envelopeAttributes(publication));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", publication.topicArn() + ":local");
        record.put("Sns", sns);
        return Json.write(Map.of("Records", List.of(record))).getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON document SNS sends to a queue subscribed without raw message delivery. */
    static String envelope(Publication publication) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", publication.messageId());
        envelope.put("TopicArn", publication.topicArn());
        if (publication.subject() != null) {
            envelope.put("Subject", publication.subject());
        }
        envelope.put("Message", publication.message());
        envelope.put("Timestamp", publication.timestamp().toString());
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "");
        envelope.put("SigningCertURL", "");
        envelope.put("UnsubscribeURL", "");
        if (!publication.attributes().isEmpty()) {
            envelope.put("MessageAttributes", envelopeAttributes(publication));
        }
        return Json.write(envelope);
    }

    private static Map<String, Object> envelopeAttributes(Publication publication) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        publication
                .attributes()
                .forEach((name, attribute) ->
                        attributes.put(name, Map.of("Type", attribute.dataType(), "Value", attribute.text())));
        return attributes;
    }

    private static MessageAttributeValue sqsAttribute(Publication.Attribute attribute) {
        MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.dataType());
        if (attribute.isBinary()) {
            value.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(attribute.binaryValue())));
        } else {
            value.stringValue(attribute.stringValue());
        }
        return value.build();
    }

    /** {@code MessageAttributes.entry.N.Name} / {@code .Value.DataType} / {@code .Value.StringValue|BinaryValue}. */
    private static Map<String, Publication.Attribute> attributes(Map<String, String> form) {
        Map<String, Publication.Attribute> attributes = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n + ".";
            attributes.put(
                    form.get(prefix + "Name"),
                    new Publication.Attribute(
                            form.getOrDefault(prefix + "Value.DataType", "String"),
                            form.get(prefix + "Value.StringValue"),
                            form.get(prefix + "Value.BinaryValue")));
        }
        return attributes;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        deliveries.shutdownNow();
    }
}
