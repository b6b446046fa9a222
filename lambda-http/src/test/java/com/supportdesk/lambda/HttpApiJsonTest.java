package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.supportdesk.api.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Events read, and answers written, exactly as the managed runtime's own serialiser would. */
class HttpApiJsonTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, HttpApiJsonTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME_RESPONSES =
            LambdaEventSerializers.serializerFor(
                    APIGatewayV2HTTPResponse.class, HttpApiJsonTest.class.getClassLoader());

    static Stream<Path> sampleEvents() throws IOException {
        Path events = Path.of(System.getProperty("supportdesk.root", "..")).resolve("events");
        List<Path> files;
        try (Stream<Path> list = Files.list(events)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void everySampleEventReadsAsTheRuntimeReadsIt(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        assertThat(read(json)).isEqualTo(RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json)));
    }

    @Test
    void everyFieldOfThePayloadFormatIsRead() throws IOException {
        byte[] json = """
                {"version": "2.0", "routeKey": "POST /things/{id}", "rawPath": "/things/7", "rawQueryString": "a=1&b=2",
                 "cookies": ["c1=v1", "c2=v2"],
                 "headers": {"content-type": "application/json", "x-n": "3"},
                 "queryStringParameters": {"a": "1", "b": "2"},
                 "pathParameters": {"id": "7"},
                 "stageVariables": {"stage": "prod"},
                 "requestContext": {
                   "routeKey": "POST /things/{id}", "accountId": "123456789012", "stage": "$default",
                   "apiId": "api", "domainName": "api.example.com", "domainPrefix": "api",
                   "time": "12/Mar/2026:19:03:58 +0000", "timeEpoch": 1773342238000, "requestId": "r-1",
                   "http": {"method": "POST", "path": "/things/7", "protocol": "HTTP/1.1",
                            "sourceIp": "203.0.113.9", "userAgent": "curl/8"},
                   "authorizer": {
                     "jwt": {"claims": {"sub": "s", "groups": "[admin agent]", "exp": 1795744800, "email_verified": true},
                             "scopes": ["read", "write"]},
                     "lambda": {"k": "v", "n": 1, "nested": {"x": [1, 2]}},
                     "iam": {"accessKey": "AK", "accountId": "123456789012", "callerId": "C",
                             "cognitoIdentity": {"amr": ["authenticated"], "identityId": "i", "identityPoolId": "p"},
                             "principalOrgId": "o", "userArn": "arn:aws:iam::123456789012:user/u", "userId": "u"}}},
                 "body": "eyJhIjogMX0=", "isBase64Encoded": true, "unknownTopLevel": {"ignored": true}}
                """.getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPEvent ours = read(json);

        assertThat(ours).isEqualTo(RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json)));
        assertThat(ours.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("exp", "1795744800")
                .containsEntry("email_verified", "true");
        assertThat(ours.getRequestContext()
                        .getAuthorizer()
                        .getIam()
                        .getCognitoIdentity()
                        .getAmr())
                .containsExactly("authenticated");
    }

    @Test
    void claimsThatAreNotStringsAreTakenOrRefusedAsTheRuntimeDoes() throws IOException {
        for (String claim : List.of("[\"admin\"]", "[]", "[7]", "null")) {
            byte[] json = claims(claim);
            assertThat(read(json)).as(claim).isEqualTo(RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json)));
        }
        for (String claim : List.of("[\"admin\", \"agent\"]", "{\"role\": \"admin\"}")) {
            byte[] json = claims(claim);
            assertThatThrownBy(() -> read(json)).as(claim).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json)))
                    .as(claim)
                    .isInstanceOf(RuntimeException.class);
        }
    }

    private static byte[] claims(String groups) {
        return ("{\"routeKey\": \"GET /x\", \"requestContext\": {\"authorizer\": {\"jwt\": {\"claims\": "
                        + "{\"sub\": \"s\", \"groups\": " + groups + "}}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersReadBackAsTheyWereWritten() throws IOException {
        APIGatewayV2HTTPResponse full = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("content-type", "application/json", "location", "/things/7"))
                .withMultiValueHeaders(Map.of("x-many", List.of("a", "b")))
                .withCookies(List.of("session=1; HttpOnly"))
                .withBody("{\"id\":\"7\",\"text\":\"caf\\u00e9 \\\"quoted\\\"\"}")
                .withIsBase64Encoded(false)
                .build();
        APIGatewayV2HTTPResponse bare =
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();

        for (APIGatewayV2HTTPResponse response : List.of(full, bare)) {
            byte[] json = write(response);
            assertThat(RUNTIME_RESPONSES.fromJson(new ByteArrayInputStream(json)))
                    .isEqualTo(response);
        }
        assertThat(Json.MAPPER.readTree(write(bare)).has("body")).isFalse();
    }

    @Test
    void theStreamEntryPointAnswersAsTheTypedOne() throws IOException {
        HttpApiFunction function = new HttpApiFunction(
                Map.of("POST /things", request -> ApiResponse.created(Map.of("got", request.body()), "/things/1"))) {};
        APIGatewayV2HTTPEvent event = HttpApiFunctionTest.event("POST /things", HttpApiFunctionTest.AGENT, "{\"a\":1}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        RUNTIME_EVENTS.toJson(event, in);

        function.handleRequest(new ByteArrayInputStream(in.toByteArray()), out, TestContext.ofNewFunction("r-1"));

        assertThat(RUNTIME_RESPONSES.fromJson(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(function.handleRequest(event, TestContext.ofNewFunction("r-2")));
    }

    private static APIGatewayV2HTTPEvent read(byte[] json) throws IOException {
        return HttpApiJson.read(new ByteArrayInputStream(json));
    }

    private static byte[] write(APIGatewayV2HTTPResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpApiJson.write(response, out);
        return out.toByteArray();
    }
}
