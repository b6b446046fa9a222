package com.supportdesk.it.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.list;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page-token key comes from its own Secrets Manager secret, read on first use (never at init, so never
 * into a SnapStart snapshot) and only once; a function with both the secret and a local key refuses to start.
 */
class PageTokenKeyTest extends CaseHandlersTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:PageTokenKeySecret";

    @Test
    void inAwsTheKeyIsReadFromItsSecretOnFirstUseAndOnlyOnce(LocalAws aws) {
        WireMockServer secrets =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        secrets.start();
        try {
            secrets.stubFor(post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"ARN\":\"" + ARN + "\",\"Name\":\"PageTokenKeySecret\",\"VersionId\":\"v1\","
                                    + "\"SecretString\":\"pageTokenSecretFromSecretsManager0123456789abcdefghijkl\","
                                    + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}")));
            Map<String, String> env = new LinkedHashMap<>(sns.environment());
            env.put("PAGE_TOKEN_SECRET_ARN", ARN);
            env.put("PAGE_TOKEN_KEY", "");
            env.put("AWS_ENDPOINT_URL_SECRETSMANAGER", secrets.baseUrl());
            HttpApiFunction deployed = Handlers.http(aws, "CaseApiFunction", clock, env);
            assertThat(reads(secrets)).as("nothing read at construction").isZero();

            for (int i = 0; i < 3; i++) {
                assertThat(invoke(submission, submit(tenant, bodyB(), null)).status())
                        .isEqualTo(201);
            }
            HttpResult first = invoke(deployed, asAdmin(list(Map.of("limit", "2")), tenant));
            String token = first.json().path("nextToken").asText();
            HttpResult second = invoke(deployed, asAdmin(list(Map.of("limit", "2", "nextToken", token)), tenant));
            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(reads(secrets)).isEqualTo(1);
            assertThat(invoke(api, asAdmin(list(Map.of("limit", "2", "nextToken", token)), tenant))
                            .status())
                    .as("a function with another key cannot open it")
                    .isEqualTo(400);
        } finally {
            secrets.stop();
        }
    }

    @Test
    void bothTheSecretAndALocalKeyIsRefusedAtStart(LocalAws aws) {
        assertThatThrownBy(() -> Handlers.http(
                        aws,
                        "CaseApiFunction",
                        clock,
                        Map.of("PAGE_TOKEN_SECRET_ARN", ARN, "PAGE_TOKEN_KEY", "x".repeat(40))))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .hasMessageContaining("PAGE_TOKEN_KEY")
                .hasMessageContaining("PAGE_TOKEN_SECRET_ARN")
                .hasMessageNotContaining("x".repeat(40));
        assertThatThrownBy(() -> Handlers.http(
                        aws, "CaseApiFunction", clock, Map.of("PAGE_TOKEN_SECRET_ARN", "", "PAGE_TOKEN_KEY", "")))
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    private static int reads(WireMockServer secrets) {
        return secrets.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")))
                .size();
    }
}
