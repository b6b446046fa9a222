package com.supportdesk.notifications.dispatch;

import com.supportdesk.notifications.delivery.EmailSender;
import com.supportdesk.notifications.delivery.SmsSender;
import com.supportdesk.notifications.delivery.TopicSender;
import com.supportdesk.webhooks.WebhookSender;
import java.util.Optional;

/**
 * The providers behind the channels: SES for email, SNS for SMS and for the agents' two topics. Only
 * functions that declare the {@code sesv2} and {@code sns} SDK modules may load this class.
 */
public final class DeliveryChannels {
    private final EmailSender email;
    private final SmsSender sms;
    private final TopicSender topics;
    private final String supportQueueTopicArn;
    private final String onCallTopicArn;
    private final Optional<WebhookSender> webhooks;

    public DeliveryChannels(
            EmailSender email, SmsSender sms, TopicSender topics, String supportQueueTopicArn, String onCallTopicArn) {
        this(email, sms, topics, supportQueueTopicArn, onCallTopicArn, Optional.empty());
    }

    /** @param webhooks posts to the organisations' webhooks (decision 0018) */
    public DeliveryChannels(
            EmailSender email,
            SmsSender sms,
            TopicSender topics,
            String supportQueueTopicArn,
            String onCallTopicArn,
            Optional<WebhookSender> webhooks) {
        this.email = email;
        this.sms = sms;
        this.topics = topics;
        this.supportQueueTopicArn = supportQueueTopicArn;
        this.onCallTopicArn = onCallTopicArn;
        this.webhooks = webhooks;
    }

    String topicArn(DeliveryChannel channel) {
        return switch (channel) {
            case SUPPORT_QUEUE -> supportQueueTopicArn;
            case ON_CALL -> onCallTopicArn;
            default -> throw new IllegalArgumentException(channel + " is not a topic");
        };
    }

    /** @return the provider's message id */
    String send(Delivery delivery) {
        return switch (delivery.content()) {
            case Delivery.Mail mail ->
                email.send(
                        delivery.address(),
                        mail.email().subject(),
                        mail.email().text(),
                        mail.email().html());
            case Delivery.Sms text -> sms.send(delivery.address(), text.text());
            case Delivery.TopicMessage topic ->
                topics.publish(
                        delivery.address(),
                        topic.message().subject(),
                        topic.message().text(),
                        topic.attributes());
            case Delivery.WebhookPost post ->
                webhooks.orElseThrow(() -> new IllegalStateException("This dispatcher has no webhook sender"))
                        .send(post.format(), post.target(), post.event(), delivery.deliveryId());
        };
    }
}
