package com.supportdesk.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.local.gateway.GatewayRequest;
import com.supportdesk.local.gateway.GatewayResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event JSON must survive the Lambda runtime's own deserialisation into {@link APIGatewayV2HTTPEvent}
 * (whose Lombok {@code isBase64Encoded} and nested authorizer classes are easy to get wrong).
 */
class HttpApiEventsTest {
    private static final Instant TIME = Instant.parse("2026-03-02T09:00:00.123Z");
    private final PojoSerializer<APIGatewayV2HTTPEvent> events = LambdaEventSerializers.serializerFor(
            APIGatewayV2HTTPEvent.class, getClass().getClassLoader());

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "contoso-admin");
        claims.put("tenant_id", "contoso");
        claims.put("groups", List.of("admin", "agent"));
        claims.put("iss", "support-desk-local");
        claims.put("aud", "support-desk");
        claims.put("exp", 1_800_000_000L);
        claims.put("scope", "cases.read cases.write");
        return claims;
    }

    private static GatewayRequest request(String method, String path, String query, String contentType, byte[] body) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        headers.add(Map.entry("Host", "localhost:3000"));
        headers.add(Map.entry("User-Agent", "curl/8"));
        headers.add(Map.entry("X-Multi", "one"));
        headers.add(Map.entry("x-multi", "two"));
        headers.add(Map.entry("Cookie", "a=1; b=2"));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return new GatewayRequest(method, path, query, headers, body, "127.0.0.1");
    }

    private APIGatewayV2HTTPEvent roundTrip(ObjectNode event) {
        return events.fromJson(event.toString());
    }

    @Test
    void theRuntimeSerializerFillsEveryPartOfTheEvent() {
        GatewayRequest request = request(
                "PUT",
                "/orgs/con%20toso",
                "status=OPEN&tag=a&tag=b&empty",
                "application/json",
                "{\"name\":\"Contoso\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode json = HttpApiEvents.event(
                request,
                new HttpApiEvents.Invocation(
                        "PUT /orgs/{tenantId}",
                        Map.of("tenantId", "con toso"),
                        claims(),
                        "req-1",
                        TIME,
                        "000000000000",
                        3000));

        APIGatewayV2HTTPEvent event = roundTrip(json);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("PUT /orgs/{tenantId}");
        assertThat(event.getRawPath()).isEqualTo("/orgs/con%20toso");
        assertThat(event.getRawQueryString()).isEqualTo("status=OPEN&tag=a&tag=b&empty");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("tenantId", "con toso"));
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("status", "OPEN", "tag", "a,b", "empty", ""));
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getHeaders())
                .containsEntry("x-multi", "one,two")
                .containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "curl/8")
                .containsEntry("x-forwarded-port", "3000")
                .doesNotContainKey("cookie");
        assertThat(event.getBody()).isEqualTo("{\"name\":\"Contoso\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();

        var context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("req-1");
        assertThat(context.getRouteKey()).isEqualTo("PUT /orgs/{tenantId}");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getAccountId()).isEqualTo("000000000000");
        assertThat(context.getTime()).isEqualTo("02/Mar/2026:09:00:00 +0000");
        assertThat(context.getTimeEpoch()).isEqualTo(TIME.toEpochMilli());
        assertThat(context.getHttp().getMethod()).isEqualTo("PUT");
        assertThat(context.getHttp().getPath()).isEqualTo("/orgs/con%20toso");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("curl/8");
        assertThat(context.getAuthorizer().getJwt().getClaims())
                .containsEntry("sub", "contoso-admin")
                .containsEntry("tenant_id", "contoso")
                .containsEntry("groups", "[admin agent]")
                .containsEntry("exp", "1800000000")
                .containsEntry("aud", "support-desk");
        assertThat(context.getAuthorizer().getJwt().getScopes()).containsExactly("cases.read", "cases.write");
    }

    @Test
    void binaryBodiesAreBase64EncodedAndFlaggedSo() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        APIGatewayV2HTTPEvent event = roundTrip(HttpApiEvents.event(
                request("POST", "/x", "", "image/png", png),
                new HttpApiEvents.Invocation("POST /x", Map.of(), claims(), "r", TIME, "0", 3000)));
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(png);

        APIGatewayV2HTTPEvent untyped = roundTrip(HttpApiEvents.event(
                request("POST", "/x", "", null, "hi".getBytes(StandardCharsets.UTF_8)),
                new HttpApiEvents.Invocation("POST /x", Map.of(), claims(), "r", TIME, "0", 3000)));
        assertThat(untyped.getIsBase64Encoded()).isTrue();
        assertThat(untyped.getBody())
                .isEqualTo(Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noQueryNoParametersNoBodyNoAuthorizerLeaveThoseOut() {
        ObjectNode json = HttpApiEvents.event(
                request("GET", "/service-health", "", null, new byte[0]),
                new HttpApiEvents.Invocation("GET /service-health", Map.of(), null, "r", TIME, "0", 3000));
        assertThat(json.has("queryStringParameters")).isFalse();
        assertThat(json.has("pathParameters")).isFalse();
        assertThat(json.has("body")).isFalse();
        APIGatewayV2HTTPEvent event = roundTrip(json);
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getPathParameters()).isNull();
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
    }

    @Test
    void claimsAreFlattenedAsApiGatewayDoes() {
        assertThat(HttpApiEvents.flattenClaim(List.of("admin"))).isEqualTo("[admin]");
        assertThat(HttpApiEvents.flattenClaim(List.of())).isEqualTo("[]");
        assertThat(HttpApiEvents.flattenClaim(42)).isEqualTo("42");
        assertThat(HttpApiEvents.flattenClaim(true)).isEqualTo("true");
        assertThat(HttpApiEvents.flattenClaim(Map.of("k", "v"))).isEqualTo("map[k:v]");
    }

    @Test
    void theHandlersResponseBecomesHttp() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "location", "/orgs/contoso"))
                .withMultiValueHeaders(Map.of("x-many", List.of("a", "b")))
                .withCookies(List.of("s=1; HttpOnly", "t=2"))
                .withBody("{\"ok\":true}")
                .build();
        GatewayResponse http = HttpApiEvents.response(serialise(response));
        assertThat(http.status()).isEqualTo(201);
        assertThat(http.headers())
                .contains(
                        Map.entry("content-type", "application/json"),
                        Map.entry("location", "/orgs/contoso"),
                        Map.entry("x-many", "a,b"),
                        Map.entry("set-cookie", "s=1; HttpOnly"),
                        Map.entry("set-cookie", "t=2"));
        assertThat(http.bodyText()).isEqualTo("{\"ok\":true}");

        APIGatewayV2HTTPResponse binary = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))
                .withIsBase64Encoded(true)
                .build();
        assertThat(HttpApiEvents.response(serialise(binary)).body()).containsExactly(1, 2, 3);
    }

    @Test
    void anythingElseIsInferredAsA200JsonBody() {
        GatewayResponse http = HttpApiEvents.response("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(http.status()).isEqualTo(200);
        assertThat(http.bodyText()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(HttpApiEvents.response("not json".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(500);
    }

    private static byte[] serialise(APIGatewayV2HTTPResponse response) {
        PojoSerializer<APIGatewayV2HTTPResponse> serializer = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPResponse.class, HttpApiEventsTest.class.getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(response, out);
        return out.toByteArray();
    }
}
