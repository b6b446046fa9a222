package com.supportdesk.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.TestFunctions;
import com.supportdesk.local.testfunctions.EchoHandler;
import com.supportdesk.local.testfunctions.NoContextHandler;
import com.supportdesk.runtime.FunctionEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private final SimulatedClock clock = SimulatedClock.startingAt(START, () -> 0L);
    private final FunctionEnvironment context = FunctionEnvironment.of(Map.of("ECHO_SETTING", "from-template"), clock);

    private LocalFunction load(String handlerClass) {
        return LocalFunction.load(
                TestFunctions.http("EchoFunction", handlerClass, "GET /echo"),
                context,
                getClass().getClassLoader(),
                Duration.ofSeconds(15),
                1024,
                "arn:aws:lambda:us-east-1:0:function:EchoFunction");
    }

    @Test
    void findsTheConcreteInputTypeAndUsesTheFunctionEnvironmentConstructor() throws Exception {
        LocalFunction function = load(EchoHandler.class.getName());
        assertThat(function.inputType()).isEqualTo(APIGatewayV2HTTPEvent.class);
        String event = """
                {"version":"2.0","routeKey":"GET /echo","rawPath":"/echo","rawQueryString":"",
                 "headers":{},"requestContext":{"requestId":"r1","authorizer":{"jwt":{"claims":{"sub":"s"},"scopes":null}}},
                 "isBase64Encoded":false}""";
        byte[] result = function.invoke(event.getBytes(StandardCharsets.UTF_8), "r1");
        JsonNode response = Json.MAPPER.readTree(result);
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("multiValueHeaders").path("x-echo").size()).isEqualTo(2);
        assertThat(response.path("cookies").get(0).asText()).isEqualTo("session=1; HttpOnly");
        JsonNode echo = Json.MAPPER.readTree(response.path("body").asText());
        assertThat(echo.path("now").asText()).isEqualTo(START.toString());
        assertThat(echo.path("env").asText()).isEqualTo("from-template");
        assertThat(echo.path("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(echo.path("requestId").asText()).isEqualTo("r1");
        assertThat(echo.path("claims").path("sub").asText()).isEqualTo("s");
        assertThat(echo.path("remaining").asBoolean()).isTrue();
    }

    @Test
    void handlerErrorsSurfaceAsFunctionErrors() {
        LocalFunction function = load(EchoHandler.class.getName());
        byte[] event = "{\"rawQueryString\":\"boom\",\"requestContext\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> function.invoke(event, "r2"))
                .isInstanceOf(LocalFunction.FunctionErrorException.class)
                .hasRootCauseMessage("boom");
    }

    @Test
    void conventionsAreExplainedWhenBroken() {
        assertThatThrownBy(() -> load("com.example.Missing"))
                .isInstanceOf(LocalFunction.FunctionLoadException.class)
                .hasMessageContaining("local/pom.xml");
        assertThatThrownBy(() -> load(NoContextHandler.class.getName()))
                .isInstanceOf(LocalFunction.FunctionLoadException.class)
                .hasMessageContaining("FunctionEnvironment");
    }
}
