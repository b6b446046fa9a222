package com.supportdesk.notifications.dispatch;

import com.supportdesk.webhooks.WebhookHttp;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a failed hand-over to SES or SNS means for the delivery (the SDK has already retried it a few
 * times with back-off by then).
 */
final class SendFailures {
    /** How a failure is handled. */
    enum Kind {
        /**
         * The provider refused the request before taking it (throttling): nothing went out, the claim is
         * given back and the queue delivers the request again later.
         */
        THROTTLED,
        /**
         * Maybe temporary, maybe already sent (5xx, a timeout, a broken connection) or a configuration
         * problem an operator must fix (an unverified sender, a paused account, a missing topic): the claim
         * is kept until its lease ends and the queue delivers the request again; after the queue's last
         * receive it waits in the dead-letter queue.
         */
        RETRY,
        /**
         * The recipient's address or number is invalid, or the message was rejected for good: retrying
         * cannot help. The delivery is recorded as undeliverable, on the case too.
         */
        PERMANENT
    }

    /** Codes SES v2 and SNS use for throttling (the SDK's own check covers 429 and most of them). */
    private static final Set<String> THROTTLING = Set.of(
            "Throttling",
            "ThrottlingException",
            "Throttled",
            "TooManyRequestsException",
            "KMSThrottling",
            "RequestLimitExceeded");

    /** Rejections of one recipient or message (SES v2: invalid address, rejected content; SNS: invalid number). */
    private static final Set<String> PERMANENT =
            Set.of("BadRequestException", "MessageRejected", "InvalidParameter", "InvalidParameterValue");

    private SendFailures() {}

    static Kind classify(RuntimeException failure, DeliveryChannel channel) {
        if (failure instanceof WebhookHttp.Failure webhook) {
            // a refused address is not retried; every other failure of a receiver is (decision 0017). When the
            // request never left (no connection), the claim is given back so the next receive tries at once
            if (webhook.permanent()) {
                return Kind.PERMANENT;
            }
            return webhook.nothingSent() ? Kind.THROTTLED : Kind.RETRY;
        }
        if (failure instanceof AwsServiceException service) {
            String code = errorCode(failure);
            if (service.isThrottlingException() || service.statusCode() == 429 || THROTTLING.contains(code)) {
                return Kind.THROTTLED;
            }
            // a topic that refuses a message is a configuration problem, not a bad recipient
            if (channel.personal() && service.statusCode() < 500 && PERMANENT.contains(code)) {
                return Kind.PERMANENT;
            }
            return Kind.RETRY;
        }
        return Kind.RETRY; // SdkClientException (timeouts, connections) and anything unexpected
    }

    /** The provider's error code, or the exception's simple name: never its message, which may quote the request. */
    static String errorCode(RuntimeException failure) {
        if (failure instanceof WebhookHttp.Failure webhook) {
            return webhook.code();
        }
        if (failure instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        if (failure instanceof SdkClientException) {
            return "ClientError";
        }
        return failure.getClass().getSimpleName();
    }
}
