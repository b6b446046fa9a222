package com.supportdesk.local.emulators;

import com.supportdesk.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A local AWS with the tables and queues of {@code template.yaml} created: by default the Node.js
 * emulators and ElasticMQ in this JVM ({@link #start}); the integration tests can also run against
 * LocalStack where Docker exists. {@link #close()} stops whatever was started.
 */
public interface Emulators extends AutoCloseable {
    String REGION = "us-east-1";
    /** The account in every local ARN and queue URL. */
    String ACCOUNT = "000000000000";
    /** Emulators accept any credentials; these only have to be well-formed. */
    String ACCESS_KEY = "local";

    String SECRET_KEY = "local-secret";

    /**
     * Installs the pinned emulators (npm ci, when needed), starts them and creates every table and queue
     * of the template.
     */
    static Emulators start(SamTemplate template) throws IOException {
        return DockerFreeEmulators.start(template);
    }

    URI dynamoDbEndpoint();

    URI sesEndpoint();

    URI sqsEndpoint();

    /** The web page that lists every email sent. */
    URI sesMailPage();

    SamTemplate template();

    /** Logical id of each table in the template → the name it has locally. */
    Map<String, String> tableNames();

    /** Logical id of each queue in the template → its name, URL and ARN locally, in template order. */
    Map<String, QueueAddress> queues();

    /** Every email the SES endpoint has accepted, oldest first. */
    List<SentEmail> sentEmails();

    /** Environment settings that point a function's AWS clients at the local endpoints. */
    default Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", sesEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint().toString());
        return env;
    }

    default DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder()
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(dynamoDbEndpoint())
                .build();
    }

    default SqsClient sqsClient() {
        return SqsClient.builder()
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(sqsEndpoint())
                .build();
    }

    @Override
    void close();

    /**
     * The SDK's default credentials chain reads these system properties first. Set only when absent,
     * so real credentials are never overwritten, and only in the local runner's and the tests' JVM.
     */
    static void useLocalCredentials() {
        if (System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
        }
    }
}
