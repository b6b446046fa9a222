package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.supportdesk.i18n.Text;
import com.supportdesk.model.Language;
import com.supportdesk.refusal.Refusal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiFunctionTest {
    static final Map<String, String> AGENT = Map.of("sub", "a1", "groups", "[agent]");

    /** A request that passed the JWT authorizer with {@code claims}, as API Gateway hands it to a function. */
    static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> claims, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                        .builder()
                                        .withClaims(claims)
                                        .build())
                                .build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPEvent agentGets(String routeKey) {
        return event(routeKey, AGENT, null);
    }

    private static HttpApiFunction function(Route route) {
        return new HttpApiFunction(Map.of("POST /things", route)) {};
    }

    @Test
    void anUnexpectedFailureIsA500WithoutItsMessageOrStackTrace() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response;
        try {
            response = function(r -> {
                        throw new IllegalStateException("secret detail 12345678");
                    })
                    .handleRequest(event("POST /things", AGENT, "{}"), null);
        } finally {
            System.setOut(original);
        }
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody())
                .contains("\"code\":\"INTERNAL\"")
                .doesNotContain("secret detail", "IllegalState", "at com.");
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("IllegalStateException")
                .doesNotContain("secret detail");
    }

    @Test
    void domainRefusalsKeepTheirStatusAndCode() {
        APIGatewayV2HTTPResponse response = function(r -> {
                    throw Refusal.ruleBroken(
                            "SEVERITY_A_REQUIRES_BUSINESS_IMPACT", Text.of("SEVERITY_A_REQUIRES_BUSINESS_IMPACT"));
                })
                .handleRequest(event("POST /things", AGENT, "{}"), null);
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getBody())
                .isEqualTo("{\"error\":{\"code\":\"SEVERITY_A_REQUIRES_BUSINESS_IMPACT\",\"message\":\"A severity A"
                        + " case needs a statement of its business impact (field businessImpact).\"}}");
    }

    /** The caller's Accept-Language first (by q-value), then the organisation's language, then English. */
    @Test
    void aRefusalIsWrittenInTheLanguageTheCallerAskedForWithTheSameCode() {
        HttpApiFunction function = function(r -> {
            throw Refusal.notFound(Text.of("NOT_FOUND.case", "id", "CS-1"));
        });
        Map<String, String> expected = Map.of(
                "ja", "ケース CS-1 が見つかりません。",
                "zh-CN", "未找到案例 CS-1。",
                "fr-FR, zh;q=0.8, ja;q=0.5", "未找到案例 CS-1。",
                "fr", "Case CS-1 was not found.",
                "*", "Case CS-1 was not found.");
        expected.forEach((header, message) -> {
            APIGatewayV2HTTPResponse response = function.handleRequest(
                    withHeader(event("POST /things", AGENT, "{}"), "Accept-Language", header), null);
            assertThat(response.getStatusCode()).as(header).isEqualTo(404);
            assertThat(response.getBody())
                    .as(header)
                    .contains("\"code\":\"NOT_FOUND\"")
                    .contains(message);
            assertThat(response.getHeaders().get("content-language"))
                    .as(header)
                    .isEqualTo(message.startsWith("Case") ? "en" : message.startsWith("未") ? "zh-CN" : "ja");
        });
    }

    @Test
    void withoutAnAcceptLanguageARefusalSpeaksTheOrganisationsLanguageOnceTheDomainKnowsIt() {
        HttpApiFunction function = function(r -> Refusal.forOrganisation(Language.JA, () -> {
            throw Refusal.ruleBroken("CUSTOMER_NETWORK_OUT_OF_SCOPE", Text.of("CUSTOMER_NETWORK_OUT_OF_SCOPE"));
        }));
        APIGatewayV2HTTPResponse untold = function.handleRequest(event("POST /things", AGENT, "{}"), null);
        assertThat(untold.getHeaders()).containsEntry("content-language", "ja");
        assertThat(untold.getBody()).contains("CUSTOMER_NETWORK_OUT_OF_SCOPE").contains("ネットワーク担当者");
        APIGatewayV2HTTPResponse asked = function.handleRequest(
                withHeader(event("POST /things", AGENT, "{}"), "accept-language", "en-GB,en;q=0.9"), null);
        assertThat(asked.getHeaders()).containsEntry("content-language", "en");
        assertThat(asked.getBody()).contains("CUSTOMER_NETWORK_OUT_OF_SCOPE").contains("network team");
    }

    @Test
    void refusalsOfTheEnvelopeAreLocalisedToo() {
        APIGatewayV2HTTPEvent event = event("POST /things", AGENT, "{}");
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.put("Content-Type", "text/plain");
        headers.put("Accept-Language", "zh-CN");
        event.setHeaders(headers);
        APIGatewayV2HTTPResponse response =
                function(r -> ApiResponse.noContent()).handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getBody()).contains("UNSUPPORTED_MEDIA_TYPE").contains("请以 application/json 格式发送请求正文。");
        assertThat(response.getHeaders()).containsEntry("content-language", "zh-CN");
    }

    private static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.put(name, value);
        event.setHeaders(headers);
        return event;
    }

    @Test
    void theRouteIsNotCalledWithoutVerifiedClaims() {
        boolean[] called = {false};
        APIGatewayV2HTTPResponse response = function(r -> {
                    called[0] = true;
                    return ApiResponse.noContent();
                })
                .handleRequest(event("POST /things", Map.of(), "{}"), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(called[0]).isFalse();
    }

    @Test
    void anUnknownRouteKeyIs404() {
        APIGatewayV2HTTPResponse response =
                function(r -> ApiResponse.noContent()).handleRequest(event("DELETE /things", AGENT, null), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
    }
}
