package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class OutagesTest {

    @Test
    void unreachableSlowFailingOrThrottlingServicesAreOutages() {
        assertThat(Outages.isOutage(
                        SdkClientException.create("Unable to execute HTTP request", new ConnectException())))
                .isTrue();
        assertThat(Outages.isOutage(SdkClientException.create("x", new RuntimeException(new SocketTimeoutException()))))
                .isTrue();
        assertThat(Outages.isOutage(ApiCallTimeoutException.create(1000))).isTrue();
        assertThat(Outages.isOutage(
                        InternalServerErrorException.builder().statusCode(500).build()))
                .isTrue();
        assertThat(Outages.isOutage(DynamoDbException.builder().statusCode(503).build()))
                .isTrue();
        assertThat(Outages.isOutage(ProvisionedThroughputExceededException.builder()
                        .statusCode(400)
                        .build()))
                .isTrue();
        assertThat(Outages.isOutage(DynamoDbException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ThrottlingException")
                                .build())
                        .build()))
                .isTrue();
    }

    @Test
    void programmingAndConfigurationErrorsAreNot() {
        assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
        assertThat(Outages.isOutage(SdkClientException.create("Unable to marshall request")))
                .isFalse();
        assertThat(Outages.isOutage(
                        SdkClientException.create("bad JSON", new IOException(new IllegalStateException()) {})))
                .as("an I/O exception that is not the JDK's network stack")
                .isFalse();
        assertThat(Outages.isOutage(
                        ResourceNotFoundException.builder().statusCode(400).build()))
                .isFalse();
        assertThat(Outages.isOutage(ConditionalCheckFailedException.builder()
                        .statusCode(400)
                        .build()))
                .isFalse();
    }
}
