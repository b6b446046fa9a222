package com.supportdesk.lambda;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * Which failures of an AWS call mean "the service is not there right now" (so the client should retry
 * shortly) rather than "our code or configuration is wrong". The SDK has already retried each of them.
 *
 * <ul>
 *   <li>the call could not reach the service or got no answer in time: an {@link SdkClientException} caused
 *       by an I/O error of the JDK's network stack, or the SDK's own call or attempt timeout;
 *   <li>the service failed on its side (any 5xx) or throttled the call (DynamoDB's provisioned throughput
 *       and request limits, and every throttling error the SDK knows).
 * </ul>
 *
 * Everything else - a missing table, a refused condition, a validation error, a bug - is not an outage.
 */
final class Outages {
    private static final int MAX_CAUSES = 10;

    private Outages() {}

    static boolean isOutage(RuntimeException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500
                    || service.isThrottlingException()
                    || service instanceof ProvisionedThroughputExceededException
                    || service instanceof RequestLimitExceededException;
        }
        return e instanceof SdkClientException && causedByNetwork(e);
    }

    /**
     * An I/O error of the JDK (refused or reset connections, timeouts, unknown hosts, TLS failures). Other
     * I/O exceptions in the chain, such as a JSON library's, are about content, not the network.
     */
    private static boolean causedByNetwork(Throwable e) {
        Throwable cause = e.getCause();
        for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
            String type = cause.getClass().getName();
            if (cause instanceof IOException && (type.startsWith("java.") || type.startsWith("javax."))) {
                return true;
            }
        }
        return false;
    }
}
