package com.supportdesk.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * When DynamoDB cannot be reached or fails on its side, the API says so with 503 and Retry-After (not a
 * 500), writes no half case, and a retry with the same Idempotency-Key creates the case exactly once when
 * DynamoDB is back.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbOutageTest {
    private static final String KEY = "outage-retry-0001";

    @Test
    void unreachableDynamoDbIs503WithRetryAfterAndTheSameKeyCreatesTheCaseOnceItIsBack(LocalAws aws)
            throws IOException {
        String tenant = Desk.newTenant();
        try (Desk up = new Desk(aws);
                Desk down = new Desk(aws, Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + closedPort()))) {
            up.organization(tenant);
            String existing = up.openCase(tenant);
            down.clock.set(up.clock.instant());

            HttpResult refused = down.call(submit(tenant));
            assertUnavailable(refused);
            assertUnavailable(down.call(ApiEvent.of("GET /cases/{caseId}")
                    .claims(Claims.admin(tenant))
                    .path("caseId", existing)));
            assertThat(itemsOf(up, tenant)).as("nothing was written").hasSize(1);

            HttpResult created = up.call(submit(tenant));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            HttpResult again = up.call(submit(tenant));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json().path("caseId")).isEqualTo(created.json().path("caseId"));
            assertThat(itemsOf(up, tenant))
                    .as("the one earlier case and the new one")
                    .hasSize(2);
        }
    }

    @Test
    void aCaseWriteThatFailsHalfwayLeavesNoCaseAndTheSameKeyFinishesIt(LocalAws aws) throws IOException {
        String tenant = Desk.newTenant();
        try (FlakyDynamoDb dynamo = new FlakyDynamoDb(aws.emulators().dynamoDbEndpoint());
                Desk desk = new Desk(aws, Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint()))) {
            desk.organization(tenant);
            // the idempotency claim is written; the case itself is not
            dynamo.failWhen(request -> request.startsWith("DynamoDB_20120810.PutItem") && request.contains("CASE#"));
            HttpResult refused = desk.call(submit(tenant));
            assertUnavailable(refused);
            assertThat(dynamo.failed()).isGreaterThan(1);
            assertThat(itemsOf(desk, tenant)).as("no half-written case").isEmpty();

            dynamo.heal();
            HttpResult created = desk.call(submit(tenant));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(desk.call(submit(tenant)).json().path("caseId"))
                    .isEqualTo(created.json().path("caseId"));
            assertThat(itemsOf(desk, tenant)).hasSize(1);
        }
    }

    private static ApiEvent submit(String tenant) {
        ObjectNode body = ApiEvent.of("POST /cases").sampleBody();
        body.put("severity", "B");
        body.remove("businessImpact");
        return ApiEvent.of("POST /cases")
                .claims(Claims.admin(tenant))
                .header("idempotency-key", KEY)
                .body(body);
    }

    private static void assertUnavailable(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(503);
        assertThat(result.headers()).containsKey("retry-after");
        assertThat(result.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(result.body()).doesNotContain("Exception", "software.amazon", "127.0.0.1");
    }

    /** The case items of a tenant (a test-only scan: the functions never scan). */
    private static List<Map<String, AttributeValue>> itemsOf(Desk desk, String tenant) {
        DynamoDbClient dynamo = desk.aws.emulators().dynamoDbClient();
        return dynamo.scan(b -> b.tableName(desk.table("CasesTable"))
                        .filterExpression("tenantId = :t AND sk = :case")
                        .expressionAttributeValues(
                                Map.of(":t", AttributeValue.fromS(tenant), ":case", AttributeValue.fromS("CASE"))))
                .items();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
