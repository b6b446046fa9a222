package com.supportdesk.it.suggestions;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /support/suggestions}: the function as the template builds it, driven by its sample event. */
@ExtendWith(LocalAwsExtension.class)
class SupportSuggestionsHandlerTest {
    private HttpApiFunction suggestions;

    @BeforeEach
    void setUp(LocalAws aws) {
        suggestions = Handlers.http(aws, "SupportSuggestionsFunction", Clock.systemUTC());
    }

    /** The sample event with other query parameters, caller and {@code Accept-Language}. */
    private static ObjectNode ask(Map<String, String> query, String groups, String acceptLanguage) {
        ObjectNode event = sampleEvent("support-suggestions.json");
        ObjectNode parameters = event.putObject("queryStringParameters");
        query.forEach(parameters::put);
        event.put(
                "rawQueryString",
                query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")));
        ObjectNode headers = event.withObject("headers");
        if (acceptLanguage == null) {
            headers.remove("accept-language");
        } else {
            headers.put("accept-language", acceptLanguage);
        }
        ObjectNode claims = event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims");
        claims.put("groups", groups);
        if (groups.contains("agent") || groups.contains("operator")) {
            claims.remove("tenant_id");
        }
        return event;
    }

    @Test
    void theSampleEventFindsTheSharePointPermissionsArticleInJapanese() {
        HttpResult result = invoke(suggestions, sampleEvent("support-suggestions.json"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.path("language").asText()).isEqualTo("ja");
        assertThat(body.path("answered").asBoolean()).isTrue();
        assertThat(body.path("service").asText()).isEqualTo("SHAREPOINT_ONLINE");
        assertThat(body.path("suggestions")).hasSizeBetween(1, 3);
        JsonNode first = body.path("suggestions").get(0);
        assertThat(first.path("articleId").asText()).isEqualTo("sharepoint-permissions");
        assertThat(first.path("title").asText()).contains("SharePoint", "アクセス許可");
        assertThat(first.path("url").asText()).isEqualTo("/help/ja/sharepoint-permissions");
        assertThat(first.path("category").asText()).isEqualTo("TECHNICAL");
        body.path("suggestions")
                .forEach(s -> assertThat(s.path("service").asText("")).isIn("SHAREPOINT_ONLINE", ""));
        assertThat(body.path("communityForumUrl").asText()).isEqualTo("https://community.supportdesk.example/");
        assertThat(result.headers()).containsEntry("cache-control", "no-store");
    }

    @Test
    void chineseAndMixedQueriesAreAnsweredInChinese() {
        JsonNode mixed = invoke(suggestions, ask(Map.of("q", "Outlook 无法登录 SSO"), "[admin]", null))
                .json();
        assertThat(mixed.path("language").asText()).isEqualTo("zh-CN");
        assertThat(mixed.path("suggestions").get(0).path("articleId").asText()).isEqualTo("sso-sign-in");
        assertThat(mixed.path("suggestions").get(0).path("title").asText()).contains("单点登录");

        JsonNode renew = invoke(suggestions, ask(Map.of("q", "如何续订订阅", "limit", "1"), "[admin]", "zh-CN"))
                .json();
        assertThat(renew.path("suggestions")).hasSize(1);
        assertThat(renew.path("suggestions").get(0).path("articleId").asText()).isEqualTo("renew-subscription");
    }

    /** The next step and every refusal come in the answer's language, with the same codes (decision 0013). */
    @Test
    void theNextStepAndTheRefusalsSpeakTheCallersLanguage() {
        HttpResult ja = invoke(suggestions, ask(Map.of("q", "SharePoint の権限が反映されない"), "[admin]", null));
        assertThat(ja.headers()).containsEntry("content-language", "ja");
        assertThat(ja.json().path("nextStep").asText())
                .startsWith("これらの記事で解決しない場合は、組織の管理者がサポート ケースを作成できます。")
                .contains("https://community.supportdesk.example/");

        HttpResult mixed = invoke(suggestions, ask(Map.of("q", "Teams 会议录制 找不到 OneDrive 文件"), "[user]", "zh-CN"));
        assertThat(mixed.json().path("language").asText()).isEqualTo("zh-CN");
        assertThat(mixed.headers()).containsEntry("content-language", "zh-CN");
        assertThat(mixed.json().path("nextStep").asText()).contains("社区论坛");

        HttpResult en = invoke(suggestions, ask(Map.of("q", "cannot sign in with SSO"), "[admin]", "fr-FR"));
        assertThat(en.headers()).containsEntry("content-language", "en");
        assertThat(en.json().path("nextStep").asText()).contains("community forum");

        Map<String, String> operatorSays = Map.of(
                "zh-CN", "帮助文章推荐仅面向客户和支持工程师。",
                "ja", "ヘルプ記事の候補は、お客様とサポート エージェント向けの機能です。",
                "fr", "Help-article suggestions are for customers and support agents.");
        operatorSays.forEach((header, message) -> {
            HttpResult operator = invoke(suggestions, ask(Map.of("q", "sso"), "[operator]", header));
            assertThat(operator.status()).isEqualTo(403);
            assertThat(operator.errorCode()).isEqualTo("FORBIDDEN");
            assertThat(operator.json().path("error").path("message").asText()).isEqualTo(message);
        });
        HttpResult tooMany = invoke(suggestions, ask(Map.of("q", "sso", "limit", "11"), "[admin]", "ja"));
        assertThat(tooMany.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooMany.json().path("error").path("message").asText())
                .isEqualTo("項目「limit」には 1 から 10 までの整数を指定してください。");
    }

    @Test
    void usersAndAgentsMaySearchAndOperatorsMayNot() {
        Map<String, String> query = Map.of("q", "trial expired convert to paid");
        HttpResult user = invoke(suggestions, ask(query, "[user]", "en"));
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.json().path("suggestions").get(0).path("articleId").asText())
                .isEqualTo("trial-sign-up");
        assertThat(invoke(suggestions, ask(query, "[agent]", "en")).status()).isEqualTo(200);

        HttpResult operator = invoke(suggestions, ask(query, "[operator]", "en"));
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.errorCode()).isEqualTo("FORBIDDEN");

        ObjectNode anonymous = ask(query, "[admin]", "en");
        anonymous.withObject("requestContext").remove("authorizer");
        HttpResult unauthenticated = invoke(suggestions, anonymous);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void badParametersAre400() {
        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put("no q", Map.of("service", "IDENTITY"));
        bad.put("blank q", Map.of("q", "   "));
        bad.put("long q", Map.of("q", "sso ".repeat(126)));
        bad.put("control characters", Map.of("q", "sso\u0000"));
        bad.put("unknown service", Map.of("q", "sso", "service", "TEAMS"));
        bad.put("limit 0", Map.of("q", "sso", "limit", "0"));
        bad.put("limit 11", Map.of("q", "sso", "limit", "11"));
        bad.put("limit not a number", Map.of("q", "sso", "limit", "five"));
        bad.forEach((what, query) -> {
            HttpResult result = invoke(suggestions, ask(query, "[admin]", null));
            assertThat(result.status()).as(what + ": " + result).isEqualTo(400);
            assertThat(result.errorCode()).as(what).isEqualTo("VALIDATION_FAILED");
        });
        assertThat(invoke(suggestions, ask(Map.of("q", "sso", "limit", "10"), "[admin]", null))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnansweredQueryIsLoggedWithoutThePersonalDataInIt() {
        String query =
                "Surface Hub 2S firmware update fails, call me on +86 139 1111 2222 or mail li.na@contoso.example";
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        HttpResult result;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            result = invoke(suggestions, ask(Map.of("q", query), "[admin]", "en"));
        } finally {
            System.setOut(original);
        }
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("answered").asBoolean()).isFalse();
        assertThat(result.body()).doesNotContain("li.na", "1111");

        List<String> gaps = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.contains("\"suggestion_gap\""))
                .toList();
        assertThat(gaps).hasSize(1);
        String gap = gaps.get(0);
        assertThat(gap).contains("\"firmwar\"", "\"surfac\"", "\"email\":1", "\"phone\":1", "\"language\":\"en\"");
        assertThat(gap).doesNotContain("li.na", "contoso", "139", "1111", "2222", "admin-contoso", "contoso-sample");
    }
}
