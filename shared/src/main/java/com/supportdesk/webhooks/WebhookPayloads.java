package com.supportdesk.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP request of one delivery in each format, signed at {@code now}: the URL (DingTalk's signature
 * goes into its query), the headers (the desk's signature on every format) and the body.
 *
 * <ul>
 *   <li>GENERIC: {@code {"schema":"supportdesk.webhook-event","version":1,"eventId",…,"message":{"title","text"}}};</li>
 *   <li>WECOM: {@code {"msgtype":"markdown","markdown":{"content":…}}} (at most 4096 bytes);</li>
 *   <li>DINGTALK: {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}}, URL + {@code &timestamp=…&sign=…};</li>
 *   <li>FEISHU: {@code {"timestamp":…,"sign":…,"msg_type":"text","content":{"text":…}}}.</li>
 * </ul>
 */
public final class WebhookPayloads {
    public static final String SCHEMA = "supportdesk.webhook-event";
    public static final String EVENT_HEADER = "X-SupportDesk-Event";
    public static final String DELIVERY_HEADER = "X-SupportDesk-Delivery";
    static final int WECOM_MARKDOWN_MAX_BYTES = 4096;
    static final int TEXT_MAX_BYTES = 4000;

    /** What goes out. Holds the URL (a credential for the bots): never logged. */
    public record Request(String url, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return "WebhookPayloads.Request[redacted]";
        }
    }

    private WebhookPayloads() {}

    public static Request build(
            WebhookFormat format, WebhookTarget target, WebhookEvent event, String deliveryId, Instant now) {
        String url = target.url();
        ObjectNode json = Json.MAPPER.createObjectNode();
        switch (format) {
            case GENERIC -> generic(json, event);
            case WECOM ->
                json.put("msgtype", "markdown")
                        .putObject("markdown")
                        .put("content", truncate(markdown(event, "> "), WECOM_MARKDOWN_MAX_BYTES));
            case DINGTALK -> {
                json.put("msgtype", "markdown")
                        .putObject("markdown")
                        .put("title", event.text().title())
                        .put("text", truncate(markdown(event, "- "), TEXT_MAX_BYTES));
                url = url
                        + (url.contains("?") ? "&" : "?")
                        + WebhookSigning.dingTalkQuery(target.secret(), now.toEpochMilli());
            }
            case FEISHU -> {
                long seconds = now.getEpochSecond();
                json.put("timestamp", Long.toString(seconds));
                json.put("sign", WebhookSigning.feishuSign(target.secret(), seconds));
                json.put("msg_type", "text");
                json.putObject("content").put("text", truncate(event.text().plain(), TEXT_MAX_BYTES));
            }
        }
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "SupportDesk-Webhooks/1");
        headers.put(EVENT_HEADER, event.type().name());
        headers.put(DELIVERY_HEADER, deliveryId);
        headers.put(WebhookSigning.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()));
        headers.put(
                WebhookSigning.SIGNATURE_HEADER, WebhookSigning.signature(target.secret(), now.getEpochSecond(), body));
        return new Request(url, headers, body);
    }

    private static void generic(ObjectNode json, WebhookEvent event) {
        json.put("schema", SCHEMA);
        json.put("version", 1);
        json.put("eventId", event.eventId());
        json.put("type", event.type().name());
        json.put("tenantId", event.tenantId());
        if (event.caseId() != null) {
            json.put("caseId", event.caseId());
        }
        if (event.occurredAt() != null) {
            json.put("occurredAt", event.occurredAt());
        }
        json.put("language", event.language().tag());
        ObjectNode facts = json.putObject("case");
        event.caseFacts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> facts.put(e.getKey(), e.getValue()));
        ObjectNode details = json.putObject("details");
        event.details().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> details.put(e.getKey(), e.getValue()));
        json.putObject("message")
                .put("title", event.text().title())
                .put("text", event.text().plain());
    }

    /** A bold title, then each line after {@code bullet}; values cannot add markup (links, fonts, @-mentions). */
    private static String markdown(WebhookEvent event, String bullet) {
        StringBuilder out =
                new StringBuilder("**").append(plain(event.text().title())).append("**\n");
        for (WebhookEvent.Line line : event.text().lines()) {
            out.append(bullet)
                    .append(plain(line.label()))
                    .append(": ")
                    .append(plain(line.value()))
                    .append('\n');
        }
        if (!event.text().footer().isEmpty()) {
            out.append('\n').append(plain(event.text().footer()));
        }
        return out.toString();
    }

    /** Markdown and HTML punctuation become their full-width look-alikes; line breaks become spaces. */
    static String plain(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(
                    switch (c) {
                        case '<' -> '＜';
                        case '>' -> '＞';
                        case '[' -> '［';
                        case ']' -> '］';
                        case '*' -> '＊';
                        case '`' -> '｀';
                        case '@' -> '＠';
                        case '\r', '\n', '\u2028', '\u2029' -> ' ';
                        default -> c;
                    });
        }
        return out.toString();
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary, with an ellipsis when cut. */
    static String truncate(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 3; // the ellipsis
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}
