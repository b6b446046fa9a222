package com.supportdesk.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.template.CfnYaml;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The template, the OpenAPI contract and the code agree with each other. */
class TemplateContractTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "patch", "delete");
    /** Set by Lambda itself, not by the template. */
    private static final Set<String> PROVIDED_BY_LAMBDA =
            Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME");

    private static final Pattern ENV_READ = Pattern.compile("\\.(?:required|optional|get)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");

    private final SamTemplate template = SamTemplate.ofProject();

    @Test
    void everyTemplateRouteIsInTheOpenApiContractAndBack() throws IOException {
        Map<String, Object> openApi = CfnYaml.read(ProjectRoot.find().resolve("api/openapi.yaml"));
        Set<String> documented = new TreeSet<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> routed = new TreeSet<>();
        template.httpRoutes().forEach(route -> routed.add(route.routeKey()));
        assertThat(routed).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void everyRouteHasASampleEventAndEverySampleEventIsARoute() throws IOException {
        Set<String> sampled = new TreeSet<>();
        try (Stream<Path> files = Files.list(ProjectRoot.find().resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                var event = com.supportdesk.api.Json.MAPPER.readTree(file.toFile());
                if (event.has("Records")) {
                    continue; // an event of another source (SQS, SNS), exercised by its function's tests
                }
                sampled.add(event.path("routeKey").asText());
            }
        }
        Set<String> routed = new TreeSet<>();
        template.httpRoutes().forEach(route -> routed.add(route.routeKey()));
        assertThat(sampled).isEqualTo(routed);
    }

    @Test
    void everyHandlerExistsAndServesExactlyTheRoutesTheTemplateGivesIt() throws Exception {
        for (FunctionDefinition function : template.functions()) {
            Class<?> type = Class.forName(function.handlerClass());
            String method = function.handler().substring(function.handler().indexOf("::") + 2);
            assertThat(Stream.of(type.getMethods()).map(Method::getName))
                    .as(function.handler())
                    .contains(method);
            assertThat(type.getConstructor())
                    .as("no-arg constructor used in AWS")
                    .isNotNull();
            assertThat(type.getConstructor(FunctionEnvironment.class)).isNotNull();
            if (!function.httpRoutes().isEmpty()) {
                assertThat(HttpApiFunction.class).isAssignableFrom(type);
                Set<String> templateRoutes = new TreeSet<>(
                        function.httpRoutes().stream().map(HttpRoute::routeKey).toList());
                HttpApiFunction handler = (HttpApiFunction)
                        type.getConstructor(FunctionEnvironment.class).newInstance(templateOnlyContext(function));
                assertThat(new TreeSet<>(handler.routeKeys()))
                        .as(function.logicalId())
                        .isEqualTo(templateRoutes);
            }
        }
    }

    @Test
    void everyEnvironmentVariableAFunctionReadsIsSetInTheTemplate() throws IOException {
        for (FunctionDefinition function : template.functions()) {
            Path module = moduleOf(function);
            Set<String> read = new TreeSet<>();
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = ENV_READ.matcher(Files.readString(file));
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                }
            }
            read.removeAll(PROVIDED_BY_LAMBDA);
            read.removeIf(name -> name.startsWith("AWS_ENDPOINT_URL"));
            assertThat(function.environment().keySet())
                    .as(function.logicalId() + " environment")
                    .containsAll(read);
        }
    }

    @Test
    void everyFunctionHasAnArtifactPathInsideItsModuleAndSkipsSamsOwnBuild() {
        for (FunctionDefinition function : template.functions()) {
            assertThat(function.codeUri()).matches("functions/[a-z-]+/target/[a-z-]+-lambda\\.jar");
            assertThat(Files.isDirectory(moduleOf(function))).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>)
                    ((Map<String, Object>) template.resources().get(function.logicalId())).get("Metadata");
            assertThat(metadata).containsEntry("SkipBuild", true);
        }
    }

    /**
     * Exactly the variables the template sets (values are placeholders) plus what Lambda provides:
     * a handler that needs anything else fails to construct.
     */
    private static FunctionEnvironment templateOnlyContext(FunctionDefinition function) {
        Map<String, String> env = new java.util.HashMap<>();
        function.environment().keySet().forEach(name -> env.put(name, "placeholder"));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        return FunctionEnvironment.of(env, java.time.Clock.systemUTC());
    }

    private static Path moduleOf(FunctionDefinition function) {
        String codeUri = function.codeUri();
        return ProjectRoot.find().resolve(codeUri.substring(0, codeUri.indexOf("/target/")));
    }
}
