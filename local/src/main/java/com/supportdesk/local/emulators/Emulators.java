package com.supportdesk.local.emulators;

import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local AWS: dynalite for DynamoDB and aws-ses-v2-local for SES, each on a free loopback port,
 * with the tables of {@code template.yaml} created. Used by the local runner and by the integration
 * tests alike; {@link #close()} stops both processes.
 */
public final class Emulators implements AutoCloseable {
    public static final String REGION = "us-east-1";
    /** Emulators accept any credentials; these only have to be well-formed. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";

    private final NodeProcess dynamo;
    private final NodeProcess ses;
    private final SamTemplate template;
    private final Map<String, String> tableNames;

    private Emulators(NodeProcess dynamo, NodeProcess ses, SamTemplate template, Map<String, String> tableNames) {
        this.dynamo = dynamo;
        this.ses = ses;
        this.template = template;
        this.tableNames = tableNames;
    }

    /** Installs (npm ci, when needed), starts both emulators and creates every table of the template. */
    public static Emulators start(SamTemplate template) throws IOException {
        Path root = ProjectRoot.find();
        Path dir = root.resolve("local/emulators");
        NodeTools.ensureInstalled(dir);
        Path logs = Files.createDirectories(root.resolve("local/target/emulator-logs"));
        useLocalCredentials();
        NodeProcess dynamo = NodeProcess.start("dynalite", dir.resolve("node_modules/dynalite/cli.js"),
                logs.resolve("dynalite.log"), "--host", "127.0.0.1", "--port", "{port}", "--createTableMs", "0",
                "--deleteTableMs", "0", "--updateTableMs", "0");
        NodeProcess ses;
        try {
            ses = NodeProcess.start("aws-ses-v2-local", dir.resolve("node_modules/aws-ses-v2-local/dist/cli.js"),
                    logs.resolve("aws-ses-v2-local.log"), "--host", "127.0.0.1", "--port", "{port}");
        } catch (IOException | RuntimeException e) {
            dynamo.close();
            throw e;
        }
        Emulators emulators = new Emulators(dynamo, ses, template, new LinkedHashMap<>());
        try (DynamoDbClient client = emulators.dynamoDbClient()) {
            emulators.tableNames.putAll(DynamoTables.createAll(client, template));
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
        return emulators;
    }

    /**
     * The SDK's default credentials chain reads these system properties first. Set only when absent,
     * so real credentials are never overwritten, and only in the local runner's and the tests' JVM.
     */
    private static void useLocalCredentials() {
        if (System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
        }
    }

    public URI dynamoDbEndpoint() {
        return dynamo.endpoint();
    }

    public URI sesEndpoint() {
        return ses.endpoint();
    }

    /** The web page that lists every email sent. */
    public URI sesMailPage() {
        return ses.endpoint().resolve("/");
    }

    public SamTemplate template() {
        return template;
    }

    /** Logical id of each table in the template → the name it has in the emulator. */
    public Map<String, String> tableNames() {
        return Map.copyOf(tableNames);
    }

    /** Environment settings that point a function's AWS clients at the emulators. */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", sesEndpoint().toString());
        return env;
    }

    public DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder()
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(dynamoDbEndpoint())
                .build();
    }

    @Override
    public void close() {
        ses.close();
        dynamo.close();
    }
}
