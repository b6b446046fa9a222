package com.supportdesk.notifications.requests;

import com.supportdesk.api.Json;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes notification requests to the SNS topic named by {@code NOTIFICATIONS_TOPIC_ARN}. The type is
 * also a message attribute, so subscribers can filter without parsing. Only functions that declare the
 * {@code sns} SDK module may load this class.
 */
public final class SnsNotificationPublisher implements NotificationPublisher {
    public static final String TOPIC_ENV = "NOTIFICATIONS_TOPIC_ARN";

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotificationPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    public static SnsNotificationPublisher from(FunctionEnvironment context) {
        return new SnsNotificationPublisher(
                new AwsClients(context).configure(SnsClient.builder(), "SNS").build(), context.required(TOPIC_ENV));
    }

    /**
     * Reads the topic's attributes and publishes nothing: the SNS client's whole path (query protocol,
     * signing, XML answer) for SnapStart priming (decision 0009), so that the first publish after a
     * restore does not load it. Needs {@code sns:GetTopicAttributes} on the topic.
     */
    public void warmUp() {
        sns.getTopicAttributes(b -> b.topicArn(topicArn));
    }

    @Override
    public void publish(NotificationRequest request) {
        sns.publish(b -> b.topicArn(topicArn)
                .message(Json.write(request))
                .messageAttributes(Map.of(
                        "type",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(request.type().name())
                                        .build(),
                        "schemaVersion",
                                MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue(Integer.toString(request.version()))
                                        .build())));
    }
}
