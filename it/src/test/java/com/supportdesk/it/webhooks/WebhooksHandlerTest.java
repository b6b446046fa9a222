package com.supportdesk.it.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.webhooks.WebhookService;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The webhook routes against dynalite: what an admin sees, what is stored, who sees nothing. */
@ExtendWith(LocalAwsExtension.class)
class WebhooksHandlerTest {
    private static final String SECRET = "SECtest-secret-value-0123456789abcdef";
    private static final String TOKEN = "tok-3f2a9c1b7d4e";
    private static Desk desk;

    @BeforeAll
    static void start(LocalAws aws) {
        desk = new Desk(aws);
    }

    @AfterAll
    static void stop() {
        desk.close();
    }

    private static ObjectNode body(String url) {
        ObjectNode body = ApiEvent.of("POST /webhooks").sampleBody();
        body.put("url", url).put("secret", SECRET);
        return body;
    }

    private static HttpResult register(String tenant, ObjectNode body) {
        return desk.call(
                ApiEvent.of("POST /webhooks").claims(Claims.admin(tenant)).body(body));
    }

    @Test
    void anAdminRegistersAWebhookAndNeitherItsSecretNorItsUrlsTokenEverComesBackOrIsStoredInTheClear() {
        String tenant = Desk.newTenant();
        HttpResult created = register(tenant, body("https://1.1.1.1/robot/send?access_token=" + TOKEN));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("webhookId").asText();
        assertThat(created.headers()).containsEntry("location", "/webhooks/" + id);
        assertThat(created.json().path("endpoint").asText()).isEqualTo("https://1.1.1.1");
        assertThat(created.json().path("format").asText()).isEqualTo("DINGTALK");

        HttpResult read = desk.call(ApiEvent.of("GET /webhooks/{webhookId}")
                .claims(Claims.admin(tenant))
                .path("webhookId", id));
        HttpResult list = desk.call(ApiEvent.of("GET /webhooks").claims(Claims.admin(tenant)));
        assertThat(list.json().path("webhooks")).hasSize(1);
        assertThat(list.json().path("maximum").asInt()).isEqualTo(WebhookService.MAX_PER_TENANT);
        for (HttpResult answer : List.of(created, read, list)) {
            assertThat(answer.body()).doesNotContain(SECRET, TOKEN, "secret", "access_token");
        }

        // the raw item in the table: the URL's token and the secret are sealed, not stored
        List<Map<String, AttributeValue>> items = desk.aws
                .emulators()
                .dynamoDbClient()
                .query(q -> q.tableName(desk.table("WebhooksTable"))
                        .keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant))))
                .items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).toString()).doesNotContain(SECRET, TOKEN, "robot/send");
        assertThat(items.get(0).get("sealed").s()).startsWith("wh1.");
    }

    @Test
    void anotherOrganisationsWebhookDoesNotExistForItsAdminAndOthersMayNotManageAny() {
        String tenant = Desk.newTenant();
        String other = Desk.newTenant();
        String id = register(tenant, body("https://1.1.1.1/hook"))
                .json()
                .path("webhookId")
                .asText();

        assertThat(desk.call(ApiEvent.of("GET /webhooks/{webhookId}")
                                .claims(Claims.admin(other))
                                .path("webhookId", id))
                        .status())
                .isEqualTo(404);
        assertThat(desk.call(ApiEvent.of("DELETE /webhooks/{webhookId}")
                                .claims(Claims.admin(other))
                                .path("webhookId", id))
                        .status())
                .isEqualTo(404);
        assertThat(desk.call(ApiEvent.of("GET /webhooks").claims(Claims.admin(other)))
                        .json()
                        .path("webhooks"))
                .isEmpty();
        assertThat(desk.call(ApiEvent.of("GET /webhooks").claims(Claims.agent("agent-1")))
                        .status())
                .isEqualTo(403);
        assertThat(desk.call(ApiEvent.of("GET /webhooks").claims(Claims.operator()))
                        .status())
                .isEqualTo(403);

        // still there for its own admin, who deletes it
        assertThat(desk.call(ApiEvent.of("DELETE /webhooks/{webhookId}")
                                .claims(Claims.admin(tenant))
                                .path("webhookId", id))
                        .status())
                .isEqualTo(204);
        assertThat(desk.call(ApiEvent.of("GET /webhooks/{webhookId}")
                                .claims(Claims.admin(tenant))
                                .path("webhookId", id))
                        .status())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://1.1.1.1/hook",
                "https://127.0.0.1/hook",
                "https://10.0.0.8/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://[::1]/hook",
                "https://[fc00::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://0x7f000001/hook",
                "https://2130706433/hook",
                "https://localhost/hook"
            })
    void aUrlThatIsNotPublicHttpsIsRefusedAndNothingIsStored(String url) {
        String tenant = Desk.newTenant();
        HttpResult refused = register(tenant, body(url));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.errorCode()).startsWith("WEBHOOK_");
        assertThat(desk.call(ApiEvent.of("GET /webhooks").claims(Claims.admin(tenant)))
                        .json()
                        .path("webhooks"))
                .isEmpty();
    }

    @Test
    void aRefusedUrlIsExplainedInTheLanguageAskedForWithTheSameCode() {
        String tenant = Desk.newTenant();
        Map<String, String> expected = Map.of(
                "ja", "受け付けられるのは https の URL のみです。",
                "zh-CN", "仅接受 https URL。",
                "en", "Only https URLs are accepted.");
        expected.forEach((language, message) -> {
            HttpResult refused = desk.call(ApiEvent.of("POST /webhooks")
                    .claims(Claims.admin(tenant))
                    .header("accept-language", language)
                    .body(body("http://1.1.1.1/hook")));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.errorCode()).isEqualTo("WEBHOOK_URL_NOT_HTTPS");
            assertThat(refused.json().path("error").path("message").asText()).isEqualTo(message);
            assertThat(refused.headers()).containsEntry("content-language", language);
        });
    }

    @Test
    void twentyConcurrentRegistrationsStoreExactlyTheMaximum() {
        String tenant = Desk.newTenant();
        List<Callable<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> register(tenant, body("https://1.1.1.1/hook")));
        }
        List<HttpResult> results = Concurrently.callAll(calls);
        assertThat(results.stream().filter(r -> r.status() == 201)).hasSize(WebhookService.MAX_PER_TENANT);
        assertThat(results.stream().filter(r -> r.status() != 201)).allSatisfy(r -> assertThat(r.errorCode())
                .isIn("WEBHOOK_LIMIT_REACHED", "WEBHOOK_REGISTRATION_CONFLICT"));
        assertThat(desk.call(ApiEvent.of("GET /webhooks").claims(Claims.admin(tenant)))
                        .json()
                        .path("webhooks"))
                .hasSize(WebhookService.MAX_PER_TENANT);
    }

    @Test
    void noDeployedFunctionMayDeliverToLoopbackOverHttp() throws Exception {
        // the local runner's setting, which no deployed stack may carry
        assertThat(Files.readString(ProjectRoot.find().resolve("template.yaml")))
                .doesNotContain("WEBHOOK_ALLOW_LOOPBACK_HTTP");
    }
}
