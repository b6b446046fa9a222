package com.supportdesk.local.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.supportdesk.api.Json;
import com.supportdesk.local.LocalOutbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The local runner's stand-in for Amazon SNS {@code Publish} (AWS query protocol), so that functions use
 * their real SDK client locally: an SMS ({@code PhoneNumber}) lands in the {@link LocalOutbox}; a topic
 * message lands there too and is delivered, asynchronously as SNS does, to every function the template
 * subscribes to that topic. Only the runner uses it; tests of the SNS adapters use WireMock.
 */
public final class LocalSns implements AutoCloseable {
    private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final HttpServer server;
    private final ExecutorService deliveries;
    private final LocalOutbox outbox;
    private final Clock clock;
    private final Map<String, List<BiConsumer<String, byte[]>>> subscribers = new LinkedHashMap<>();

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
     * Delivers every message published to {@code topicArn} to {@code function}: it receives the function
     * name and the SNS event JSON of one record, as Lambda would build it.
     */
    public synchronized void subscribe(String topicArn, BiConsumer<String, byte[]> function) {
        subscribers.computeIfAbsent(topicArn, k -> new ArrayList<>()).add(function);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || !"Publish".equals(form.get("Action"))) {
                reply(exchange, 400, error("InvalidAction", "Only Publish is available locally"));
                return;
            }
            Map<String, String> attributes = attributes(form);
            String messageId = UUID.randomUUID().toString();
            if (form.containsKey("PhoneNumber")) {
                outbox.append("SMS", form.get("PhoneNumber"), null, form.get("Message"), attributes);
            } else if (form.containsKey("TopicArn")) {
                outbox.topic(form.get("TopicArn"), form.get("Subject"), form.get("Message"), attributes);
                deliver(messageId, form, attributes);
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

    private void deliver(String messageId, Map<String, String> form, Map<String, String> attributes) {
        String topicArn = form.get("TopicArn");
        List<BiConsumer<String, byte[]>> targets;
        synchronized (this) {
            targets = List.copyOf(subscribers.getOrDefault(topicArn, List.of()));
        }
        if (targets.isEmpty()) {
            return;
        }
        Map<String, Object> messageAttributes = new LinkedHashMap<>();
        attributes.forEach((name, value) -> messageAttributes.put(name, Map.of("Type", "String", "Value", value)));
        Map<String, Object> sns = new LinkedHashMap<>();
        sns.put("Type", "Notification");
        sns.put("MessageId", messageId);
        sns.put("TopicArn", topicArn);
        sns.put("Subject", form.get("Subject"));
        sns.put("Message", form.get("Message"));
        sns.put("Timestamp", clock.instant().toString());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "");
        sns.put("SigningCertUrl", "");
        sns.put("UnsubscribeUrl", "");
        sns.put("MessageAttributes", messageAttributes);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", topicArn + ":local");
        record.put("Sns", sns);
        byte[] event = Json.write(Map.of("Records", List.of(record))).getBytes(StandardCharsets.UTF_8);
        for (BiConsumer<String, byte[]> target : targets) {
            deliveries.submit(() -> {
                try {
                    target.accept(topicArn, event);
                } catch (RuntimeException e) {
                    System.err.println("local SNS: delivery to a subscriber of " + topicArn + " failed: " + e);
                }
            });
        }
    }

    /** {@code MessageAttributes.entry.N.Name} / {@code .Value.StringValue} pairs. */
    private static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            attributes.put(form.get(prefix + ".Name"), form.getOrDefault(prefix + ".Value.StringValue", ""));
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
