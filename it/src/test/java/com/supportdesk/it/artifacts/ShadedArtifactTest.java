package com.supportdesk.it.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployable jars themselves, not the modules' classes: each function's shaded artifact (minimised,
 * decision 0009) is loaded alone, in a class loader that sees nothing of this test's class path, built
 * through its {@code FunctionEnvironment} constructor, primed, and given every sample event of its
 * routes through the stream entry point Lambda calls. A class the minimiser dropped but a route needs
 * shows up here as a failed invocation or a 5xx. The artifacts are built by {@code package}, which
 * {@code ./mvnw verify} runs before this module's tests.
 */
@ExtendWith(LocalAwsExtension.class)
class ShadedArtifactTest {
    private static SnsStub sns;

    @BeforeAll
    static void startSns() {
        sns = new SnsStub();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    static Stream<String> httpFunctions() {
        return SamTemplate.ofProject().functions().stream()
                .filter(f -> !f.httpRoutes().isEmpty())
                .map(FunctionDefinition::logicalId);
    }

    @ParameterizedTest
    @MethodSource("httpFunctions")
    void theArtifactPrimesAndAnswersEverySampleEventOfItsRoutes(String logicalId, LocalAws aws) throws Exception {
        FunctionDefinition function =
                SamTemplate.ofProject().function(logicalId).orElseThrow();
        Path jar = ProjectRoot.find().resolve(function.codeUri());
        Assumptions.assumeTrue(
                Files.isRegularFile(jar), jar + " is not built; ./mvnw package (or verify) builds it first");
        List<Path> events = sampleEventsOf(function);
        assertThat(events).as("sample events of %s", logicalId).isNotEmpty();
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(function));
        env.putAll(sns.environment());

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> environment = loader.loadClass("com.supportdesk.runtime.FunctionEnvironment");
            Object context = environment.getMethod("of", Map.class, Clock.class).invoke(null, env, Clock.systemUTC());
            Object handler = loader.loadClass(function.handlerClass())
                    .getConstructor(environment)
                    .newInstance(context);
            assertThat(handler.getClass().getClassLoader()).isSameAs(loader);

            Object priming = handler.getClass().getMethod("priming").invoke(handler);
            List<?> outcomes = (List<?>) priming.getClass().getMethod("run").invoke(priming);
            assertThat(outcomes).isNotEmpty().allSatisfy(outcome -> {
                assertThat(call(outcome, "failure")).as(outcome.toString()).isNull();
                assertThat((int) call(outcome, "status")).as(outcome.toString()).isLessThan(500);
            });

            Method entry = handler.getClass()
                    .getMethod(
                            "handleRequest",
                            InputStream.class,
                            OutputStream.class,
                            loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
            for (Path event : events) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                entry.invoke(
                        handler,
                        new ByteArrayInputStream(Files.readAllBytes(event)),
                        out,
                        lambdaContext(loader, logicalId));
                JsonNode answer = Json.MAPPER.readTree(out.toByteArray());
                assertThat(answer.path("statusCode").asInt())
                        .as("%s answered %s", event.getFileName(), answer)
                        .isBetween(200, 499);
            }
        }
    }

    private static List<Path> sampleEventsOf(FunctionDefinition function) throws IOException {
        List<String> routes =
                function.httpRoutes().stream().map(HttpRoute::routeKey).toList();
        List<Path> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(ProjectRoot.find().resolve("events"))) {
            for (Path file : files.sorted().toList()) {
                if (routes.contains(
                        Json.MAPPER.readTree(file.toFile()).path("routeKey").asText())) {
                    events.add(file);
                }
            }
        }
        return events;
    }

    private static Object call(Object target, String accessor) {
        try {
            return target.getClass().getMethod(accessor).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Lambda context, as the artifact's own copy of the interface. */
    private static Object lambdaContext(ClassLoader loader, String functionName) throws ClassNotFoundException {
        Class<?> type = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        return Proxy.newProxyInstance(
                loader, new Class<?>[] {type}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "artifact-test";
                    case "getFunctionName" -> functionName;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getRemainingTimeInMillis" -> 15_000;
                    case "toString" -> "artifact-test context";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
