package com.supportdesk.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.ServiceName;
import com.supportdesk.organizations.Organization;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.servicehealth.IncidentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks {@code access-matrix.csv}: for every route of template.yaml and every kind of caller, the status
 * the caller gets. Each cell is one real request, with the claims API Gateway's JWT authorizer would pass,
 * against a fresh tenant that owns everything the request names. A route added to the template without a
 * row, or a row for a route that is gone, fails the test.
 *
 * <p>Callers: {@code admin_own} (an admin of the tenant the request is about), {@code admin_other} (an
 * admin of another tenant), {@code user}, {@code agent}, {@code operator}; and tokens that must never pass:
 * {@code no_claims} (no authorizer context reached the function), {@code admin_no_tenant} (an admin token
 * without {@code tenant_id}) and {@code odd_groups} (a group "helpdesk admin" that merely contains a role's
 * name). Tokens that are missing, expired or badly signed never reach a function: API Gateway's JWT
 * authorizer answers 401 itself (and so does the local runner, see its gateway tests).
 */
@ExtendWith(LocalAwsExtension.class)
class AccessMatrixTest {
    static final List<String> CALLERS = List.of(
            "admin_own", "admin_other", "user", "agent", "operator", "no_claims", "admin_no_tenant", "odd_groups");
    private static final String AGENT = "agent-matrix";

    private static Desk desk;

    @BeforeAll
    static void start(LocalAws aws) {
        desk = new Desk(aws);
    }

    @AfterAll
    static void stop() {
        desk.close();
    }

    @Test
    void everyRouteOfTheTemplateHasARowAndEveryRowIsARoute() throws IOException {
        TreeSet<String> routes = new TreeSet<>();
        SamTemplate.ofProject().httpRoutes().stream().map(HttpRoute::routeKey).forEach(routes::add);
        assertThat(new TreeSet<>(matrix().keySet())).isEqualTo(routes);
    }

    @Test
    void everyCallerGetsWhatTheMatrixSays() throws IOException {
        List<String> wrong = new ArrayList<>();
        matrix().forEach((route, expected) -> {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                HttpResult result = new Cell(route, caller).call();
                if (result.status() != expected.get(i)) {
                    wrong.add(route + " as " + caller + ": expected " + expected.get(i) + ", got " + result);
                }
                if (result.status() >= 400) {
                    assertThat(result.json().path("error").path("code").asText())
                            .as(route + " as " + caller)
                            .isNotEmpty();
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** Route key → the expected status of each caller, in the order of {@link #CALLERS}. */
    static Map<String, List<Integer>> matrix() throws IOException {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        String csv;
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean header = true;
        for (String line : csv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header) {
                assertThat(List.of(cells).subList(1, cells.length)).isEqualTo(CALLERS);
                header = false;
                continue;
            }
            assertThat(cells).as(line).hasSize(CALLERS.size() + 1);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 1; i < cells.length; i++) {
                statuses.add(Integer.parseInt(cells[i].strip()));
            }
            assertThat(rows.put(cells[0].strip(), statuses))
                    .as("one row per route")
                    .isNull();
        }
        return rows;
    }

    /** One request of one caller, against a tenant of its own so that no cell sees another's writes. */
    private static final class Cell {
        private final String route;
        private final String caller;
        private final String tenant = Desk.newTenant();
        private final String otherTenant = Desk.newTenant();
        private final Organization organization;

        Cell(String route, String caller) {
            this.route = route;
            this.caller = caller;
            this.organization = desk.organization(tenant);
            desk.organization(otherTenant);
        }

        HttpResult call() {
            ApiEvent event = ApiEvent.of(route).claims(claims());
            switch (route) {
                case "PUT /orgs/{tenantId}" -> {
                    ObjectNode body = event.sampleBody();
                    body.put("version", organization.version());
                    event.path("tenantId", tenant).body(body);
                }
                case "GET /orgs/{tenantId}" -> event.path("tenantId", tenant);
                case "GET /service-health", "GET /support/options" -> event.query(Map.of("service", "EXCHANGE_ONLINE"));
                case "GET /support/suggestions" -> event.query(Map.of("q", "Outlook cannot sign in"));
                case "POST /service-health/incidents" -> {}
                case "PATCH /service-health/incidents/{incidentId}" ->
                    event.path("incidentId", incident()).body("{\"version\":1,\"status\":\"RESOLVED\"}");
                case "POST /cases" -> {
                    ObjectNode body = event.sampleBody();
                    body.put("tenantId", tenant); // what an agent must name; an admin's own tenant is allowed
                    event.header("idempotency-key", null).body(body);
                }
                case "GET /cases" -> event.query(Map.of("tenant", tenant));
                case "GET /cases/{caseId}" -> event.path("caseId", desk.openCase(tenant));
                case "PATCH /cases/{caseId}" -> {
                    // what each caller would ask for: an agent changes severity, everyone else cancels
                    String body = caller.equals("agent")
                            ? "{\"severity\":\"B\",\"reason\":\"Workaround in place\"}"
                            : "{\"status\":\"CANCELLED\",\"reason\":\"Solved it ourselves\"}";
                    event.path("caseId", desk.openCase(tenant)).body(body);
                }
                case "POST /cases/{caseId}/responses",
                        "POST /cases/{caseId}/replies",
                        "POST /cases/{caseId}/take",
                        "PUT /cases/{caseId}/owner",
                        "POST /cases/{caseId}/escalations" -> event.path("caseId", desk.openCase(tenant));
                // the desk's own calendar, not a tenant's: the samples as they are (the PUT is a dry run)
                case "GET /holidays", "GET /holidays/{set}/{year}", "PUT /holidays/{set}/{year}" -> {}
                case "PUT /cases/{caseId}/satisfaction" -> event.path("caseId", desk.resolvedCase(tenant));
                case "GET /reports/sla" -> event.query(Map.of("tenantId", tenant));
                case "POST /verifications" -> {
                    ObjectNode body = event.sampleBody();
                    body.put("tenantId", tenant);
                    event.body(body);
                }
                case "POST /verifications/{verificationId}/confirm" -> {
                    event.path("verificationId", startVerification())
                            .body(Json.MAPPER
                                    .createObjectNode()
                                    .put(
                                            "code",
                                            desk.lastCodeMailedTo(organization
                                                    .contacts()
                                                    .emails()
                                                    .get(0)))
                                    .toString());
                }
                // an admin registers in their own organisation (admin_other: theirs); only the own admin sees one
                case "POST /webhooks", "GET /webhooks" -> {}
                case "GET /webhooks/{webhookId}", "DELETE /webhooks/{webhookId}" -> event.path("webhookId", webhook());
                default -> throw new AssertionError("No request for " + route + ": add one to AccessMatrixTest");
            }
            return desk.call(event);
        }

        private Map<String, String> claims() {
            return switch (caller) {
                case "admin_own" -> Claims.admin(tenant);
                case "admin_other" -> Claims.admin(otherTenant);
                case "user" -> Claims.user(tenant);
                case "agent" -> Claims.agent(AGENT);
                case "operator" -> Claims.operator();
                case "no_claims" -> null;
                case "admin_no_tenant" -> Map.of("sub", "admin-" + tenant, "groups", "[admin]");
                case "odd_groups" -> Map.of("sub", "someone", "tenant_id", tenant, "groups", "helpdesk admin");
                default -> throw new AssertionError(caller);
            };
        }

        private String incident() {
            String id = "INC-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase() + "-MTRX";
            new IncidentRepository(desk.aws.emulators().dynamoDbClient(), desk.table("IncidentsTable"))
                    .save(new Incident(
                            id,
                            ServiceName.EXCHANGE_ONLINE,
                            "Delays",
                            null,
                            IncidentStatus.ACTIVE,
                            Desk.START,
                            null,
                            1,
                            Desk.START,
                            "operator-1"));
            return id;
        }

        /** A webhook of the tenant, registered by its admin with the sample body; its id. */
        private String webhook() {
            HttpResult created = desk.call(ApiEvent.of("POST /webhooks").claims(Claims.admin(tenant)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json().path("webhookId").asText();
        }

        /** A code sent by {@link #AGENT} to the tenant's first registered email; its id. */
        private String startVerification() {
            ObjectNode body =
                    Json.MAPPER.createObjectNode().put("tenantId", tenant).put("callerPhone", "+8613911112222");
            HttpResult started = desk.call(ApiEvent.of("POST /verifications")
                    .claims(Claims.agent(AGENT))
                    .body(body));
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            return started.json().path("verificationId").asText();
        }
    }
}
