package com.supportdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.webhooks.WebhookFormat;
import com.supportdesk.webhooks.WebhookSigning;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local runner's webhook receiver, so the walkthrough can show a delivery without a public HTTPS
 * endpoint: {@code POST /_local/webhook-receiver} with {@code {"format":"GENERIC"}} (or WECOM, DINGTALK,
 * FEISHU) makes a receiver and answers its URL and secret, the way a chat platform hands out a bot's
 * address and key; register them with {@code POST /webhooks}. Every POST to the URL is kept and checked as a
 * receiver should check it: the desk's signature and its timestamp against the simulated clock (5 minutes'
 * tolerance), and the platform's own signing for DingTalk and Feishu, or the key in the URL for WeCom.
 * {@code GET /_local/webhook-receiver} lists what arrived, newest last. Answers like the platforms do:
 * {@code {"errcode":0,"errmsg":"ok"}}, {@code {"code":0,"msg":"success"}}. Bounded: the oldest
 * arrivals are dropped beyond {@link #CAPACITY}. Deliveries reach it over loopback {@code http} only because
 * the runner sets {@code WEBHOOK_ALLOW_LOOPBACK_HTTP}, which no deployed stack has.
 */
public final class LocalWebhookReceiver {
    public static final String PATH = "/_local/webhook-receiver";
    static final int CAPACITY = 200;

    /** A receiver: its format and secret; for WeCom the secret is the URL's {@code key}. */
    private record Receiver(String receiverId, WebhookFormat format, String secret) {}

    /** One POST that arrived, as checked. */
    public record Arrival(
            String receiverId,
            String format,
            Instant receivedAt,
            String event,
            boolean verified,
            List<String> problems,
            Map<String, String> headers,
            JsonNode body) {}

    private final Clock clock;
    /** Local runs only (no SnapStart): one generator for the receivers' ids and secrets. */
    private final SecureRandom random = new SecureRandom();

    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private final Deque<Arrival> arrivals = new ArrayDeque<>();

    public LocalWebhookReceiver(Clock clock) {
        this.clock = clock;
    }

    /** A new receiver; the URL is on {@code baseUrl} (the runner's own address). */
    public Map<String, String> create(WebhookFormat format, String baseUrl) {
        String receiverId = "r" + hex(4);
        String secret = (format == WebhookFormat.DINGTALK ? "SEC" : "") + hex(24);
        receivers.put(receiverId, new Receiver(receiverId, format, secret));
        String url = baseUrl + PATH + "/" + receiverId
                + switch (format) {
                    case WECOM -> "?key=" + secret;
                    case DINGTALK -> "?access_token=" + hex(16);
                    default -> "";
                };
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("receiverId", receiverId);
        answer.put("format", format.name());
        answer.put("url", url);
        answer.put("secret", secret);
        return answer;
    }

    /**
     * A delivery to {@code receiverId}.
     *
     * @return the body to answer with, or empty when there is no such receiver (404)
     */
    public Optional<Map<String, Object>> receive(
            String receiverId, String rawQuery, Map<String, String> headers, byte[] body) {
        Receiver receiver = receivers.get(receiverId);
        if (receiver == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        if (!WebhookSigning.verify(
                receiver.secret(),
                lower.get(WebhookSigning.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT)),
                lower.get(WebhookSigning.SIGNATURE_HEADER.toLowerCase(Locale.ROOT)),
                body,
                now)) {
            problems.add("X-SupportDesk-Signature does not verify (or the timestamp is more than 5 minutes off)");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
            problems.add("the body is not JSON");
        }
        Map<String, String> query = query(rawQuery);
        switch (receiver.format()) {
            case WECOM -> {
                if (!constantTimeEquals(receiver.secret(), query.get("key"))) {
                    problems.add("the key in the URL is not this bot's");
                }
            }
            case DINGTALK -> {
                String timestamp = query.getOrDefault("timestamp", "");
                boolean fresh = timestamp.matches("[0-9]{1,15}")
                        && Math.abs(now.toEpochMilli() - Long.parseLong(timestamp)) <= 3_600_000L;
                if (!fresh
                        || !constantTimeEquals(
                                WebhookSigning.dingTalkSign(receiver.secret(), Long.parseLong(timestamp)),
                                query.get("sign"))) {
                    problems.add("DingTalk timestamp/sign do not verify");
                }
            }
            case FEISHU -> {
                String timestamp = json == null ? "" : json.path("timestamp").asText();
                boolean fresh = timestamp.matches("[0-9]{1,12}")
                        && Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) <= 3600;
                if (!fresh
                        || !constantTimeEquals(
                                WebhookSigning.feishuSign(receiver.secret(), Long.parseLong(timestamp)),
                                json.path("sign").asText())) {
                    problems.add("Feishu timestamp/sign do not verify");
                }
            }
            case GENERIC -> {}
        }
        Map<String, String> shown = new LinkedHashMap<>();
        lower.forEach((k, v) -> {
            if (k.startsWith("x-supportdesk-") || k.equals("content-type")) {
                shown.put(k, v);
            }
        });
        Arrival arrival = new Arrival(
                receiverId,
                receiver.format().name(),
                now,
                lower.get("x-supportdesk-event"),
                problems.isEmpty(),
                List.copyOf(problems),
                shown,
                json);
        synchronized (arrivals) {
            arrivals.addLast(arrival);
            while (arrivals.size() > CAPACITY) {
                arrivals.removeFirst();
            }
        }
        System.out.println("[local] webhook " + receiver.format() + " delivery to " + receiverId + ": "
                + arrival.event() + (arrival.verified() ? ", signature verified" : ", NOT verified: " + problems));
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (receiver.format()) {
            case FEISHU -> {
                answer.put("code", 0);
                answer.put("msg", "success");
            }
            default -> {
                answer.put("errcode", 0);
                answer.put("errmsg", "ok");
            }
        }
        return Optional.of(answer);
    }

    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.putIfAbsent(
                        URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is left out, and the check that needs it fails
            }
        }
        return values;
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return actual != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
