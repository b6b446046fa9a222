package com.supportdesk.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.local.TestTemplates;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class SqsQueuesTest {
    private static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .region(Region.of(Emulators.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .build();
    }

    @Test
    void queuesAreCreatedAsTheTemplateDeclaresThemDeadLetterQueuesFirst() {
        try (ElasticMq elasticMq = ElasticMq.start(Emulators.REGION, Emulators.ACCOUNT);
                SqsClient sqs = client(elasticMq.endpoint())) {
            Map<String, QueueAddress> queues = SqsQueues.createAll(sqs, TestTemplates.eventSources());

            assertThat(queues).containsOnlyKeys("RequestsQueue", "RequestsDeadLetterQueue", "AuditQueue");
            QueueAddress requests = queues.get("RequestsQueue");
            assertThat(requests.name()).isEqualTo("RequestsQueue");
            assertThat(requests.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:RequestsQueue");
            assertThat(requests.url()).startsWith(elasticMq.endpoint().toString());
            Map<String, String> attributes = sqs.getQueueAttributes(
                            b -> b.queueUrl(requests.url()).attributeNamesWithStrings("All"))
                    .attributesAsStrings();
            assertThat(attributes).containsEntry("VisibilityTimeout", "1");
            assertThat(attributes.get("RedrivePolicy"))
                    .contains("arn:aws:sqs:us-east-1:000000000000:RequestsDeadLetterQueue")
                    .contains("\"maxReceiveCount\":3");
        }
    }
}
