package com.supportdesk.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The emulators without Docker: dynalite for DynamoDB and aws-ses-v2-local for SES, Node.js programs
 * pinned in {@code local/emulators/package-lock.json}, each on a free loopback port.
 */
final class NodeEmulators implements Emulators {

    private final NodeProcess dynamo;
    private final NodeProcess ses;
    private final SamTemplate template;
    private final Map<String, String> tableNames;

    private NodeEmulators(NodeProcess dynamo, NodeProcess ses, SamTemplate template, Map<String, String> tableNames) {
        this.dynamo = dynamo;
        this.ses = ses;
        this.template = template;
        this.tableNames = tableNames;
    }

    static NodeEmulators start(SamTemplate template) throws IOException {
        Path root = ProjectRoot.find();
        Path dir = root.resolve("local/emulators");
        NodeTools.ensureInstalled(dir);
        Path logs = Files.createDirectories(root.resolve("local/target/emulator-logs"));
        Emulators.useLocalCredentials();
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
        NodeProcess ses;
        try {
            ses = NodeProcess.start(
                    "aws-ses-v2-local",
                    dir.resolve("node_modules/aws-ses-v2-local/dist/cli.js"),
                    logs.resolve("aws-ses-v2-local.log"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "{port}");
        } catch (IOException | RuntimeException e) {
            dynamo.close();
            throw e;
        }
        NodeEmulators emulators = new NodeEmulators(dynamo, ses, template, new LinkedHashMap<>());
        try (DynamoDbClient client = emulators.dynamoDbClient()) {
            emulators.tableNames.putAll(DynamoTables.createAll(client, template));
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
        return emulators;
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
    public URI sesMailPage() {
        return ses.endpoint().resolve("/");
    }

    @Override
    public SamTemplate template() {
        return template;
    }

    @Override
    public Map<String, String> tableNames() {
        return Map.copyOf(tableNames);
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
        ses.close();
        dynamo.close();
    }
}
