package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
                    throw Refusal.ruleBroken("SEVERITY_NOT_ALLOWED", "Severity A needs the ADVANCED plan.");
                })
                .handleRequest(event("POST /things", AGENT, "{}"), null);
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getBody())
                .isEqualTo(
                        "{\"error\":{\"code\":\"SEVERITY_NOT_ALLOWED\",\"message\":\"Severity A needs the ADVANCED plan.\"}}");
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
