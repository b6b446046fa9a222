package com.supportdesk.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.local.template.CfnYaml;
import com.supportdesk.local.template.ProjectRoot;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract tells the truth about error bodies: API Gateway's own answers ({@code {"message": ...}})
 * are documented next to the API's ({@code {"error": {...}}}) wherever the gateway can answer, and every
 * operation documents the 503 with Retry-After that a dependency outage gives.
 */
class ErrorShapesContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    @Test
    void gatewayAnswersAreDocumentedWithTheirOwnShape() throws IOException {
        Map<String, Object> api = CfnYaml.read(ProjectRoot.find().resolve("api/openapi.yaml"));
        Map<String, Object> schemas = map(map(api.get("components")).get("schemas"));
        assertThat(map(schemas.get("GatewayError")).get("required")).isEqualTo(List.of("message"));
        assertThat(map(schemas.get("Error")).get("required")).isEqualTo(List.of("error"));
        Map<String, Object> responses = map(map(api.get("components")).get("responses"));
        for (String gatewayStatus :
                List.of("Unauthorized", "TooLarge", "Throttled", "ServiceUnavailable", "ServerError")) {
            assertThat(responses.get(gatewayStatus).toString())
                    .as(gatewayStatus)
                    .contains("#/components/schemas/GatewayError");
        }
        assertThat(map(map(responses.get("ServiceUnavailable")).get("headers"))).containsKey("Retry-After");

        map(api.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> documented = map(map(operation).get("responses"));
                assertThat(documented).as(method + " " + path).containsKeys("401", "429", "503", "5XX");
                assertThat(documented.get("503").toString()).contains("ServiceUnavailable");
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
