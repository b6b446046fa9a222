package com.supportdesk.notifications.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * A message to an SNS topic the agents subscribe to (the support queue, the on-call pager), with a subject
 * for email subscriptions and string attributes subscribers can filter on.
 */
public final class TopicSender {
    private final SnsClient sns;

    public TopicSender(SnsClient sns) {
        this.sns = sns;
    }

    /** @return the SNS message id */
    public String publish(String topicArn, String subject, String text, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                values.put(
                        name,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(value)
                                .build());
            }
        });
        return sns.publish(b -> b.topicArn(topicArn)
                        .subject(HeaderText.topicSubject(subject))
                        .message(text)
                        .messageAttributes(values))
                .messageId();
    }
}
