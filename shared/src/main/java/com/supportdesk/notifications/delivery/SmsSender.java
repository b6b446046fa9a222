package com.supportdesk.notifications.delivery;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * SMS straight to a phone number through SNS {@code Publish} with {@code PhoneNumber} (no topic, so the
 * text reaches no subscriber but the phone), marked {@code Transactional} so carriers deliver it with
 * priority and it is not subject to marketing opt-outs.
 */
public final class SmsSender {
    public static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final SnsClient sns;

    public SmsSender(SnsClient sns) {
        this.sns = sns;
    }

    /** @return the SNS message id */
    public String send(String phoneE164, String text) {
        return sns.publish(PublishRequest.builder()
                        .phoneNumber(phoneE164)
                        .message(text)
                        .messageAttributes(Map.of(
                                SMS_TYPE,
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("Transactional")
                                        .build()))
                        .build())
                .messageId();
    }
}
