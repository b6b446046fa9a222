package com.supportdesk.it.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.TestContext;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.ServiceName;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.servicehealth.IncidentStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Thousands of malformed requests across every route: broken JSON, wrong types, unknown fields, huge and
 * deep bodies, unicode edge cases (lone surrogates, NUL, line and paragraph separators, bidi overrides,
 * emoji), invalid path and query values, wrong content types and undecodable bodies. Each request is
 * invalid by construction (see {@link HostileRequests}); every answer must be a 4xx JSON error naming a
 * code, with no stack trace or class name in it, and every table must hold exactly what it held before.
 *
 * <p>The desk runs on emulators of its own, so the table snapshots are small and fast to compare.
 */
@AddLifecycleHook(HostileInputTest.OnlyOnTheEmulators.class)
class HostileInputTest {
    static final int REQUESTS_PER_TRY = 6;
    static final int TRIES = 400;
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, HostileInputTest.class.getClassLoader());

    private static Emulators emulators;
    private static Desk desk;
    private static HostileRequests requests;
    private static Map<String, Set<String>> lastSnapshot;
    private static final AtomicInteger SENT = new AtomicInteger();

    /** The same desk code runs against LocalStack in the other run of this suite; once is enough here. */
    static final class OnlyOnTheEmulators implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return "localstack".equals(System.getProperty("supportdesk.aws.backend"))
                    ? SkipResult.skip("hostile input runs once, on the Node.js emulators")
                    : SkipResult.doNotSkip();
        }
    }

    @BeforeContainer
    static void startDesk() throws IOException {
        emulators = Emulators.start(SamTemplate.ofProject());
        LocalAws aws = new LocalAws(
                emulators,
                Map.of("JwtIssuer", "https://issuer.invalid", "JwtAudience", "support-desk"),
                LocalAwsExtension.LOCAL_SETTINGS);
        desk = new Desk(aws);
        String tenant = Desk.newTenant();
        desk.organization(tenant);
        String caseId = desk.openCase(tenant);
        String incidentId = "INC-HSTL-0001";
        new IncidentRepository(aws.emulators().dynamoDbClient(), desk.table("IncidentsTable"))
                .save(new Incident(
                        incidentId,
                        ServiceName.EXCHANGE_ONLINE,
                        "Delays",
                        null,
                        IncidentStatus.ACTIVE,
                        Desk.START,
                        null,
                        1,
                        Desk.START,
                        "operator-1"));
        ObjectNode start =
                Json.MAPPER.createObjectNode().put("tenantId", tenant).put("callerPhone", "+8613911112222");
        String verificationId = desk.call(ApiEvent.of("POST /verifications")
                        .claims(Claims.agent(HostileRequests.AGENT))
                        .body(start))
                .json()
                .path("verificationId")
                .asText();
        requests = new HostileRequests(tenant, caseId, incidentId, verificationId);
        TreeSet<String> templateRoutes = new TreeSet<>();
        SamTemplate.ofProject().httpRoutes().stream().map(HttpRoute::routeKey).forEach(templateRoutes::add);
        assertThat(requests.routeKeys())
                .as("every route of the template is attacked")
                .isEqualTo(templateRoutes);
    }

    @AfterContainer
    static void stopDesk() {
        int sent = SENT.get();
        if (desk != null) {
            desk.close();
        }
        if (emulators != null) {
            emulators.close();
        }
        assertThat(sent).as("malformed requests sent").isGreaterThanOrEqualTo(2000);
    }

    @Provide
    Arbitrary<List<HostileRequests.Hostile>> batches() {
        return requests.any().list().ofSize(REQUESTS_PER_TRY);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyMalformedRequestIsRefusedWithA4xxJsonErrorAndChangesNothing(
            @ForAll("batches") List<HostileRequests.Hostile> batch) {
        Map<String, Set<String>> before = lastSnapshot != null ? lastSnapshot : snapshot();
        lastSnapshot = null; // recomputed unless this try ends with the tables as they were
        for (HostileRequests.Hostile request : batch) {
            APIGatewayV2HTTPResponse response = send(request);
            SENT.incrementAndGet();
            String body = response.getBody() == null ? "" : response.getBody();
            assertThat(response.getStatusCode()).as(request + " → " + body).isBetween(400, 499);
            JsonNode json = parse(body);
            assertThat(json.path("error").path("code").asText())
                    .as(request + " → " + body)
                    .isNotEmpty();
            assertThat(body)
                    .as(request.toString())
                    .doesNotContain("Exception", "\tat ", "java.", "com.supportdesk", "software.amazon");
            assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        }
        Map<String, Set<String>> after = snapshot();
        assertThat(after).as("the tables after " + batch).isEqualTo(before);
        lastSnapshot = after;
    }

    private static APIGatewayV2HTTPResponse send(HostileRequests.Hostile request) {
        APIGatewayV2HTTPEvent event =
                EVENTS.fromJson(new ByteArrayInputStream(request.eventJson().getBytes(StandardCharsets.UTF_8)));
        return desk.handlerFor(request.routeKey()).handleRequest(event, new TestContext());
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    /** Every item of every table, as text, sorted: what "nothing changed" is compared on. */
    private static Map<String, Set<String>> snapshot() {
        DynamoDbClient dynamo = desk.aws.emulators().dynamoDbClient();
        Map<String, Set<String>> tables = new TreeMap<>();
        for (String table : desk.aws.emulators().tableNames().values()) {
            Set<String> items = new TreeSet<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page =
                        dynamo.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
                page.items().forEach(item -> items.add(new TreeMap<>(item).toString()));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
            tables.put(table, items);
        }
        return tables;
    }
}
