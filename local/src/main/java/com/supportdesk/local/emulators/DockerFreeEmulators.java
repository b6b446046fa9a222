package com.supportdesk.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulators without Docker, each on a free loopback port: dynalite for DynamoDB and
 * aws-ses-v2-local for SES, Node.js programs pinned in {@code local/emulators/package-lock.json}, and
 * ElasticMQ for SQS inside this JVM.
 */
final class DockerFreeEmulators implements Emulators {

    private final NodeProcess dynamo;
    private final NodeProcess ses;
    private final ElasticMq sqs;
    private final SamTemplate template;
    private final Map<String, String> tableNames;
    private final Map<String, QueueAddress> queues;

    private DockerFreeEmulators(
            NodeProcess dynamo,
            NodeProcess ses,
            ElasticMq sqs,
            SamTemplate template,
            Map<String, String> tableNames,
            Map<String, QueueAddress> queues) {
        this.dynamo = dynamo;
        this.ses = ses;
        this.sqs = sqs;
        this.template = template;
        this.tableNames = tableNames;
        this.queues = queues;
    }

    static DockerFreeEmulators start(SamTemplate template) throws IOException {
        Path root = ProjectRoot.find();
        Path dir = root.resolve("local/emulators");
        NodeTools.ensureInstalled(dir);
        Path logs = Files.createDirectories(root.resolve("local/target/emulator-logs"));
        Emulators.useLocalCredentials();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            NodeProcess dynamo = NodeProcess.start(
                    "dynalite",
                    dir.resolve("node_modules/dynalite/cli.js"),
                    logs.resolve("dynalite.log"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "{port}",
                    "--createTableMs",
                    "0",
                    "--deleteTableMs",
                    "0",
                    "--updateTableMs",
                    "0");
            started.add(dynamo);
            NodeProcess ses = NodeProcess.start(
                    "aws-ses-v2-local",
                    dir.resolve("node_modules/aws-ses-v2-local/dist/cli.js"),
                    logs.resolve("aws-ses-v2-local.log"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "{port}");
            started.add(ses);
            ElasticMq sqs = ElasticMq.start(REGION, ACCOUNT);
            started.add(sqs);
            DockerFreeEmulators emulators = new DockerFreeEmulators(dynamo, ses, sqs, template, Map.of(), Map.of());
            Map<String, String> tables;
            try (DynamoDbClient client = emulators.dynamoDbClient()) {
                tables = DynamoTables.createAll(client, template);
            }
            Map<String, QueueAddress> queues;
            try (SqsClient client = emulators.sqsClient()) {
                queues = SqsQueues.createAll(client, template);
            }
            return new DockerFreeEmulators(dynamo, ses, sqs, template, Map.copyOf(tables), queues);
        } catch (IOException | RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    @Override
    public URI dynamoDbEndpoint() {
        return dynamo.endpoint();
    }

    @Override
    public URI sesEndpoint() {
        return ses.endpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    @Override
    public URI sesMailPage() {
        return ses.endpoint().resolve("/");
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

    /** aws-ses-v2-local keeps every message in memory and lists them at {@code GET /store}. */
    @Override
    public List<SentEmail> sentEmails() {
        JsonNode store = SentEmail.getJson(sesEndpoint().resolve("/store"));
        List<SentEmail> emails = new ArrayList<>();
        for (JsonNode email : store.path("emails")) {
            List<String> to = new ArrayList<>();
            email.path("destination").path("to").forEach(address -> to.add(address.asText()));
            emails.add(new SentEmail(
                    email.path("messageId").asText(),
                    email.path("from").asText(),
                    to,
                    email.path("subject").asText(),
                    email.path("body").path("text").asText(null),
                    email.path("body").path("html").asText(null)));
        }
        return emails;
    }

    @Override
    public void close() {
        closeAll(List.of(dynamo, ses, sqs));
    }

    /** Stops each one even when another fails to stop, the last started first. */
    private static void closeAll(List<AutoCloseable> started) {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("An emulator did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
