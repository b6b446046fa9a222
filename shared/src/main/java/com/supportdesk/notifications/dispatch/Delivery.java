package com.supportdesk.notifications.dispatch;

import com.supportdesk.notifications.templates.MessageTemplates;
import com.supportdesk.webhooks.WebhookEvent;
import com.supportdesk.webhooks.WebhookFormat;
import com.supportdesk.webhooks.WebhookTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * One message to one recipient by one channel, rendered and ready to hand over.
 *
 * @param deliveryId {@code <notificationId>#<channel>#<hash of the address>}: each recipient of a request
 *                   is claimed and recorded on its own, and the id names no address
 * @param address    the email address, the E.164 number or the topic ARN
 * @param masked     the address as logs and the case history may show it
 */
record Delivery(String deliveryId, DeliveryChannel channel, String address, String masked, Content content) {

    /** What goes out. */
    sealed interface Content {}

    record Mail(MessageTemplates.Email email) implements Content {}

    record Sms(String text) implements Content {}

    /** A message to an agents' topic, with attributes subscribers can filter on. */
    record TopicMessage(MessageTemplates.AgentMessage message, Map<String, String> attributes) implements Content {}

    /** An event for one webhook; signed when it is sent. */
    record WebhookPost(WebhookFormat format, WebhookTarget target, WebhookEvent event) implements Content {}

    static Delivery of(String notificationId, DeliveryChannel channel, String address, String masked, Content content) {
        return new Delivery(id(notificationId, channel, address), channel, address, masked, content);
    }

    static String id(String notificationId, DeliveryChannel channel, String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((channel + "\n" + address.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return notificationId + "#" + channel + "#" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Delivery[" + deliveryId + "]";
    }
}
