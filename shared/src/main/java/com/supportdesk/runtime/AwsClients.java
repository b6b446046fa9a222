package com.supportdesk.runtime;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds AWS SDK clients the way every function wants them: explicit region, the default credentials
 * chain (environment-variable credentials alone break under SnapStart), the light URL-connection HTTP
 * client, and the standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} settings read
 * from the function's own environment. Build clients once per container, in the handler's constructor.
 *
 * <p>Only DynamoDB has a shortcut here; SES, SNS and SSM are optional dependencies of this module, so the
 * code that uses them builds its client with {@link #configure} and only its function carries the SDK module.
 */
public final class AwsClients {
    private final FunctionEnvironment context;

    public AwsClients(FunctionEnvironment context) {
        this.context = context;
    }

    public Region region() {
        return Region.of(context.optional("AWS_REGION")
                .or(() -> context.optional("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set")));
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").build();
    }

    /** Applies region, credentials and endpoint; the caller picks the HTTP client only if it must. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceEnvSuffix) {
        builder.region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        endpoint(serviceEnvSuffix).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** {@code AWS_ENDPOINT_URL_<SERVICE>} first, then {@code AWS_ENDPOINT_URL}, as the SDK itself does. */
    Optional<URI> endpoint(String serviceEnvSuffix) {
        return context.optional("AWS_ENDPOINT_URL_" + serviceEnvSuffix.toUpperCase(Locale.ROOT))
                .or(() -> context.optional("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }
}
