package com.supportdesk.it.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.newTenant;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.SupportPlan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployment's own SLA policy, read from the SSM parameter named by {@code SLA_POLICY_PARAMETER}.
 * WireMock answers the real SDK client's {@code GetParameter} call: no SSM emulator runs locally.
 */
@ExtendWith(LocalAwsExtension.class)
class SlaPolicyOverrideTest {
    /** Friday 2026-11-27 09:00 in Beijing. */
    private static final Instant FRIDAY_0900_BEIJING = Instant.parse("2026-11-27T01:00:00Z");

    private static final String PARAMETER = "/support-desk/sla-policy";

    private final WireMockServer ssm =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final SnsStub sns = new SnsStub();
    private CaseFixtures fixtures;

    @BeforeEach
    void start(LocalAws aws) throws Exception {
        ssm.start();
        fixtures = new CaseFixtures(aws);
        ObjectNode policy;
        try (InputStream in = getClass().getResourceAsStream("/sla/default-policy.json")) {
            policy = (ObjectNode) Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // this deployment promises TECHNICAL severity B within two business days instead of one
        policy.withArray("rules").forEach(rule -> {
            if (rule.path("category").asText().equals("TECHNICAL")
                    && rule.path("severity").asText().equals("B")) {
                ((ObjectNode) rule).putObject("target").put("businessDays", 2);
            }
        });
        String answer = Json.write(Map.of(
                "Parameter", Map.of("Name", PARAMETER, "Type", "String", "Value", policy.toString(), "Version", 1)));
        ssm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(answer)));
    }

    @AfterEach
    void stop() {
        ssm.stop();
        sns.close();
    }

    private HttpApiFunction submission(LocalAws aws, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(sns.environment());
        env.putAll(extra);
        return Handlers.http(aws, "CaseSubmissionFunction", new MutableClock(FRIDAY_0900_BEIJING), env);
    }

    private static String dueAt(HttpApiFunction handler, String tenant) {
        HttpResult created = invoke(handler, submit(tenant, bodyB(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("initialResponse").path("dueAt").asText();
    }

    @Test
    void aDeploymentsPolicyParameterReplacesTheDefaultTargetsAndIsReadOncePerContainer(LocalAws aws) {
        String tenant = newTenant();
        fixtures.organization(tenant, "CN", SupportPlan.ADVANCED, false);

        // defaults: one business day of 09:00-24:00 from Friday 09:00 is Friday 24:00 Beijing time
        assertThat(dueAt(submission(aws, Map.of()), tenant)).isEqualTo("2026-11-27T16:00:00Z");
        assertThat(ssm.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();

        HttpApiFunction configured =
                submission(aws, Map.of("SLA_POLICY_PARAMETER", PARAMETER, "AWS_ENDPOINT_URL_SSM", ssm.baseUrl()));
        // two business days: Friday and Saturday 09:00-24:00, due Saturday 24:00 Beijing time
        assertThat(dueAt(configured, tenant)).isEqualTo("2026-11-28T16:00:00Z");
        assertThat(dueAt(configured, tenant)).isEqualTo("2026-11-28T16:00:00Z");
        assertThat(ssm.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
        assertThat(ssm.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString())
                .contains(PARAMETER);
    }
}
