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
    private final String agentsTopicArn;
    private final Optional<WebhookSender> webhooks;

    /** Without the agents' direct topic: a case owner's notice goes to on-call. */
    public DeliveryChannels(
            EmailSender email, SmsSender sms, TopicSender topics, String supportQueueTopicArn, String onCallTopicArn) {
        this(email, sms, topics, supportQueueTopicArn, onCallTopicArn, null, Optional.empty());
    }

    /** @param agentsTopicArn the agents' direct topic (one agent per message, by its {@code agent} attribute) */
    public DeliveryChannels(
            EmailSender email,
            SmsSender sms,
            TopicSender topics,
            String supportQueueTopicArn,
            String onCallTopicArn,
            String agentsTopicArn) {
        this(email, sms, topics, supportQueueTopicArn, onCallTopicArn, agentsTopicArn, Optional.empty());
    }

    /** @param webhooks posts to the organisations' webhooks (decision 0017) */
    public DeliveryChannels(
            EmailSender email,
            SmsSender sms,
            TopicSender topics,
            String supportQueueTopicArn,
            String onCallTopicArn,
            Optional<WebhookSender> webhooks) {
        this(email, sms, topics, supportQueueTopicArn, onCallTopicArn, null, webhooks);
    }

    /**
     * @param agentsTopicArn the agents' direct topic (one agent per message, by its {@code agent} attribute)
     * @param webhooks       posts to the organisations' webhooks (decision 0017)
     */
    public DeliveryChannels(
            EmailSender email,
            SmsSender sms,
            TopicSender topics,
            String supportQueueTopicArn,
            String onCallTopicArn,
            String agentsTopicArn,
            Optional<WebhookSender> webhooks) {
        this.email = email;
        this.sms = sms;
        this.topics = topics;
        this.supportQueueTopicArn = supportQueueTopicArn;
        this.onCallTopicArn = onCallTopicArn;
        this.agentsTopicArn = agentsTopicArn;
        this.webhooks = webhooks;
    }

    /** Whether a message can go to one agent; without the topic, an owner's notice goes to on-call. */
    boolean reachesAgents() {
        return agentsTopicArn != null;
    }

    String topicArn(DeliveryChannel channel) {
        return switch (channel) {
            case SUPPORT_QUEUE -> supportQueueTopicArn;
            case ON_CALL -> onCallTopicArn;
            case AGENT -> agentsTopicArn;
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
