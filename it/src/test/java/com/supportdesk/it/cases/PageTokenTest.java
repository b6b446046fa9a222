package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.list;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.it.support.HttpResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page tokens are opaque and tamper-evident: sealed with a key kept outside the tables, so a client can
 * neither read the keys and index names in them nor move a position, not even inside its own tenant.
 */
class PageTokenTest extends CaseHandlersTest {
    private final List<String> opened = new ArrayList<>();

    @BeforeEach
    void openFiveCases() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            HttpResult created = invoke(submission, submit(tenant, bodyB(), null));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            opened.add(created.json().path("caseId").asText());
        }
    }

    private String firstToken() {
        HttpResult page = invoke(api, asAdmin(list(Map.of("limit", "2")), tenant));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("nextToken").asText();
    }

    private HttpResult next(String token) {
        return invoke(api, asAdmin(list(Map.of("limit", "2", "nextToken", token)), tenant));
    }

    @Test
    void aTokenShowsNoKeysIndexesOrTenant() {
        String token = firstToken();
        assertThat(token).doesNotContain(tenant).startsWith("pt1.");
        String raw = new String(
                Base64.getUrlDecoder().decode(token.substring("pt1.".length())), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("byTenant", "tenantId", "createdKey", "CASE#CS-", tenant);
        assertThat(next(token).status()).isEqualTo(200);
    }

    /**
     * The token format once was unsigned base64 JSON: an admin could write their own to start a list
     * anywhere in their tenant (here: just past the newest case, skipping it).
     */
    @Test
    void aTokenWrittenByTheClientForItsOwnTenantIsRefused() {
        String newest = opened.get(opened.size() - 1);
        String createdKey = fixtures.dynamo
                .getItem(b -> b.tableName(fixtures.table("CasesTable"))
                        .key(Map.of("pk", AttributeValue.fromS("CASE#" + newest), "sk", AttributeValue.fromS("CASE"))))
                .item()
                .get("createdKey")
                .s();
        String json = "{\"v\":1,\"i\":\"byTenant\",\"k\":{\"pk\":\"CASE#" + newest
                + "\",\"sk\":\"CASE\",\"tenantId\":\"" + tenant + "\",\"createdKey\":\"" + createdKey + "\"}}";
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        for (String token : List.of(forged, "pt1." + forged)) {
            HttpResult result = next(token);
            assertThat(result.status()).as(result.toString()).isEqualTo(400);
            assertThat(result.errorCode()).isEqualTo("INVALID_NEXT_TOKEN");
        }
    }

    @Test
    void everyOneCharacterEditOfARealTokenIsRefused() {
        String token = firstToken();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = alphabet.charAt((Math.max(0, alphabet.indexOf(c)) + 1) % alphabet.length());
            String edited = token.substring(0, i) + other + token.substring(i + 1);
            HttpResult result = next(edited);
            assertThat(result.status()).as("edit at " + i + ": " + result).isEqualTo(400);
            assertThat(result.errorCode()).isEqualTo("INVALID_NEXT_TOKEN");
        }
    }
}
