package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.supportdesk.i18n.Text;
import com.supportdesk.refusal.Refusal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of refusal has its status, and a route's refusal reaches the client as the one error shape. */
class HttpErrorsTest {
    /** What clients have always seen for each kind; changing a row breaks clients. */
    private static final Map<Refusal.Kind, Integer> CONTRACT = new EnumMap<>(Map.of(
            Refusal.Kind.INVALID, 400,
            Refusal.Kind.UNAUTHENTICATED, 401,
            Refusal.Kind.FORBIDDEN, 403,
            Refusal.Kind.NOT_FOUND, 404,
            Refusal.Kind.CONFLICT, 409,
            Refusal.Kind.RULE_BROKEN, 422,
            Refusal.Kind.LOCKED, 423,
            Refusal.Kind.TOO_MANY, 429,
            Refusal.Kind.DEPENDENCY_FAILED, 502,
            Refusal.Kind.UNAVAILABLE, 503));

    @Test
    void everyKindIsInTheContract() {
        assertThat(CONTRACT.keySet()).containsExactlyInAnyOrder(Refusal.Kind.values());
        assertThat(Arrays.stream(Refusal.Kind.values()).map(HttpErrors::status))
                .doesNotHaveDuplicates()
                .allSatisfy(status -> assertThat(status).isBetween(400, 599));
    }

    @ParameterizedTest
    @EnumSource(Refusal.Kind.class)
    void aRefusalThrownByARouteBecomesItsStatusAndTheErrorBody(Refusal.Kind kind) {
        HttpApiFunction function = new HttpApiFunction(Map.of("GET /things", request -> {
            throw new Refusal(kind, "SOME_CODE", Text.of("ID_COLLISION"));
        })) {};
        APIGatewayV2HTTPResponse response = function.handleRequest(HttpApiFunctionTest.agentGets("GET /things"), null);

        assertThat(response.getStatusCode()).isEqualTo(CONTRACT.get(kind));
        assertThat(response.getBody()).isEqualTo("{\"error\":{\"code\":\"SOME_CODE\",\"message\":\"Please retry.\"}}");
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getHeaders()).containsEntry("content-language", "en");
        if (kind == Refusal.Kind.UNAVAILABLE) {
            assertThat(response.getHeaders()).containsKey("retry-after");
        } else {
            assertThat(response.getHeaders()).doesNotContainKey("retry-after");
        }
    }
}
