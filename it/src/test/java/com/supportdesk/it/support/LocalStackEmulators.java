package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.local.emulators.DynamoTables;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.emulators.QueueAddress;
import com.supportdesk.local.emulators.SentEmail;
import com.supportdesk.local.emulators.SqsQueues;
import com.supportdesk.local.template.SamTemplate;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The same local AWS on LocalStack in Docker (DynamoDB, SES and SQS), for machines with a Docker engine.
 * Selected with {@code -Dsupportdesk.aws.backend=localstack}; see {@link LocalAwsExtension}.
 */
final class LocalStackEmulators implements Emulators {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private final LocalStackContainer container;
    private final SamTemplate template;
    private final Map<String, String> tableNames;
    private final Map<String, QueueAddress> queues;

    private LocalStackEmulators(
            LocalStackContainer container,
            SamTemplate template,
            Map<String, String> tableNames,
            Map<String, QueueAddress> queues) {
        this.container = container;
        this.template = template;
        this.tableNames = tableNames;
        this.queues = queues;
    }

    static LocalStackEmulators start(SamTemplate template) {
        Emulators.useLocalCredentials();
        LocalStackContainer container = new LocalStackContainer(IMAGE)
                .withServices(
                        LocalStackContainer.Service.DYNAMODB,
                        LocalStackContainer.Service.SES,
                        LocalStackContainer.Service.SQS);
        container.start();
        URI endpoint = container.getEndpoint();
        LocalStackEmulators started = new LocalStackEmulators(container, template, Map.of(), Map.of());
        try (DynamoDbClient dynamo = started.dynamoDbClient();
                SqsClient sqs = started.sqsClient()) {
            return new LocalStackEmulators(
                    container, template, DynamoTables.createAll(dynamo, template), SqsQueues.createAll(sqs, template));
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException("Cannot create the tables and queues on LocalStack at " + endpoint, e);
        }
    }

    @Override
    public URI dynamoDbEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI sesEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI sesMailPage() {
        return container.getEndpoint().resolve("/_aws/ses");
    }

    @Override
    public SamTemplate template() {
        return template;
    }

    @Override
    public Map<String, String> tableNames() {
        return tableNames;
    }

    @Override
    public Map<String, QueueAddress> queues() {
        return queues;
    }

    /** LocalStack lists the messages SES accepted at {@code GET /_aws/ses}. */
    @Override
    public List<SentEmail> sentEmails() {
        List<SentEmail> emails = new ArrayList<>();
        for (JsonNode message : SentEmail.getJson(sesMailPage()).path("messages")) {
            List<String> to = new ArrayList<>();
            message.path("Destination").path("ToAddresses").forEach(address -> to.add(address.asText()));
            emails.add(new SentEmail(
                    message.path("Id").asText(),
                    message.path("Source").asText(),
                    to,
                    message.path("Subject").asText(),
                    message.path("Body").path("text_part").asText(null),
                    message.path("Body").path("html_part").asText(null)));
        }
        return emails;
    }

    @Override
    public void close() {
        container.stop();
    }
}
