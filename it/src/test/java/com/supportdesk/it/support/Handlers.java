package com.supportdesk.it.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the handler class a template function names, with the environment the template gives it,
 * and feeds it v2 events parsed by the same serialiser the managed Java runtime uses.
 */
public final class Handlers {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Handlers.class.getClassLoader());

    private Handlers() {}

    public static HttpApiFunction http(LocalAws aws, String logicalId, Clock clock) {
        return http(aws, logicalId, clock, Map.of());
    }

    /** As {@link #http(LocalAws, String, Clock)}, with {@code extraEnv} laid over the function's environment. */
    public static HttpApiFunction http(LocalAws aws, String logicalId, Clock clock, Map<String, String> extraEnv) {
        FunctionDefinition function = SamTemplate.ofProject()
                .function(logicalId)
                .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + " in template.yaml"));
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(function));
        env.putAll(extraEnv);
        try {
            return (HttpApiFunction) Class.forName(function.handlerClass())
                    .getConstructor(FunctionEnvironment.class)
                    .newInstance(FunctionEnvironment.of(env, clock));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + function.handlerClass(), e);
        }
    }

    /** Reads {@code events/<name>} from the repository. */
    public static ObjectNode sampleEvent(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(
                    Files.readString(ProjectRoot.find().resolve("events").resolve(name)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read events/" + name, e);
        }
    }

    public static APIGatewayV2HTTPEvent event(JsonNode json) {
        return EVENTS.fromJson(new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static HttpResult invoke(HttpApiFunction handler, JsonNode event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(event), new TestContext());
        return new HttpResult(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    public static Path repository() {
        return ProjectRoot.find();
    }
}
