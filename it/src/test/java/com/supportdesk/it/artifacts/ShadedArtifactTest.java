package com.supportdesk.it.artifacts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.supportdesk.api.Json;
import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseContact;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.OpenedVia;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaPolicies;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * routes (or of its schedule or queue) through the stream entry point Lambda calls. A class the minimiser
 * dropped but a route needs shows up here as a failed invocation or a 5xx; the SLA sweep must answer its
 * run's summary, and the dispatcher must deliver its sample request by mail. Every function reads its SLA
 * policy from SSM here, which the jars carry trimmed to that one call. The artifacts are built by
 * {@code package}, which {@code ./mvnw verify} runs before this module's tests.
 */
@ExtendWith(LocalAwsExtension.class)
class ShadedArtifactTest {
    private static SnsStub sns;
    /** SSM, answering GetParameter with the bundled SLA policy: every jar that has SSM reads its policy there. */
    private static WireMockServer ssm;

    @BeforeAll
    static void startSns() {
        sns = new SnsStub();
        ssm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        ssm.start();
        ssm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(parameterAnswer())));
    }

    @AfterAll
    static void stopSns() {
        sns.close();
        ssm.stop();
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
        env.putAll(ssmPolicy());

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Object handler = handlerFromJar(loader, function, env);

            Object priming = handler.getClass().getMethod("priming").invoke(handler);
            List<?> outcomes = (List<?>) priming.getClass().getMethod("run").invoke(priming);
            assertThat(outcomes).isNotEmpty().allSatisfy(outcome -> {
                assertThat(call(outcome, "failure")).as(outcome.toString()).isNull();
                assertThat((int) call(outcome, "status")).as(outcome.toString()).isLessThan(500);
            });

            Method entry = streamEntry(handler, loader);
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

    static Stream<String> otherFunctions() {
        return SamTemplate.ofProject().functions().stream()
                .filter(f -> f.httpRoutes().isEmpty())
                .map(FunctionDefinition::logicalId);
    }

    /** The case the dispatcher's sample request is about ({@code events/notifications-sqs.json}). */
    static final String SAMPLE_CASE = "CS-7K3M-Q9TX-2HFA";

    static final String SAMPLE_TENANT = "contoso-sample";
    static final String SAMPLE_CONTACT = "artifact-test@contoso.example";

    @ParameterizedTest
    @MethodSource("otherFunctions")
    void theScheduleAndQueueArtifactsPrimeAndAnswerTheirSampleEvents(String logicalId, LocalAws aws) throws Exception {
        FunctionDefinition function =
                SamTemplate.ofProject().function(logicalId).orElseThrow();
        Path jar = ProjectRoot.find().resolve(function.codeUri());
        Assumptions.assumeTrue(
                Files.isRegularFile(jar), jar + " is not built; ./mvnw package (or verify) builds it first");
        boolean scheduled = !function.eventsOfType("Schedule").isEmpty();
        boolean queued = !function.eventsOfType("SQS").isEmpty();
        assertThat(scheduled || queued)
                .as("%s has a schedule or a queue", logicalId)
                .isTrue();
        byte[] event = sampleEvent(scheduled ? "sla-sweep-scheduled.json" : "notifications-sqs.json");
        // a table of their own: the sweep works over every case of its table
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(function));
        env.putAll(sns.environment());
        env.putAll(ssmPolicy());
        String cases = TableCopy.of(aws, "CasesTable");
        env.put("CASES_TABLE", cases);
        env.put("SWEEP_FIRST_RUN_LOOKBACK", "PT6H");
        // and no webhook another test registered for the sample's tenant
        if (env.containsKey("WEBHOOKS_TABLE")) {
            env.put("WEBHOOKS_TABLE", TableCopy.of(aws, "WebhooksTable"));
        }
        if (queued) {
            new CaseRepository(aws.emulators().dynamoDbClient(), cases, new CaseSla(SlaPolicies.defaults()))
                    .create(sampleCase(), Map.of());
        }

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Object handler = handlerFromJar(loader, function, env);

            Object priming = handler.getClass().getMethod("priming").invoke(handler);
            List<?> outcomes = (List<?>) priming.getClass().getMethod("run").invoke(priming);
            assertThat(outcomes).isNotEmpty().allSatisfy(outcome -> assertThat(call(outcome, "failure"))
                    .as(outcome.toString())
                    .isNull());

            Method entry = streamEntry(handler, loader);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            entry.invoke(handler, new ByteArrayInputStream(event), out, lambdaContext(loader, logicalId));
            JsonNode answer = Json.MAPPER.readTree(out.toByteArray());
            if (scheduled) {
                assertThat(answer.path("dueKeys").isInt())
                        .as("the run's summary: %s", answer)
                        .isTrue();
                assertThat(answer.path("errors").asInt(-1))
                        .as("errors in %s", answer)
                        .isZero();
            } else {
                assertThat(answer.path("batchItemFailures").isArray())
                        .as("a batch response: %s", answer)
                        .isTrue();
                assertThat(answer.path("batchItemFailures"))
                        .as("records to deliver again")
                        .isEmpty();
            }
            if (queued && !env.containsKey("SENDER_EMAIL")) {
                // the report aggregator: the sample case's opening counted on its day
                assertThat(aws.emulators()
                                .dynamoDbClient()
                                .scan(b -> b.tableName(cases))
                                .items())
                        .as("the report's aggregates")
                        .anySatisfy(item -> assertThat(item.get("pk").s()).startsWith("REPORT#"));
            } else if (queued) {
                assertThat(aws.emulators().sentEmails())
                        .as("the acknowledgement mailed to the case contact")
                        .anySatisfy(mail -> {
                            assertThat(mail.to()).containsExactly(SAMPLE_CONTACT);
                            assertThat(mail.subject()).contains(SAMPLE_CASE);
                        });
            }
        }
    }

    /** The SLA policy comes from the SSM stub (functions without SSM do not read these). */
    private static Map<String, String> ssmPolicy() {
        return Map.of("SLA_POLICY_PARAMETER", POLICY_PARAMETER, "AWS_ENDPOINT_URL_SSM", ssm.baseUrl());
    }

    private static final String POLICY_PARAMETER = "/support-desk/sla-policy";

    /** SSM's answer to GetParameter: the bundled default policy as the parameter's value. */
    private static String parameterAnswer() {
        try (InputStream policy = SlaPolicies.class.getResourceAsStream("/sla/default-policy.json")) {
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ObjectNode parameter = answer.putObject("Parameter");
            parameter.put("Name", POLICY_PARAMETER);
            parameter.put("Type", "String");
            parameter.put("Value", new String(policy.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            parameter.put("Version", 1);
            return answer.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A sample event from {@code events/}; a queued request gets an id of its own, so that no delivery record
     * another test left under the sample's id makes the dispatcher find it sent already.
     */
    private static byte[] sampleEvent(String name) throws IOException {
        JsonNode event = Json.MAPPER.readTree(
                ProjectRoot.find().resolve("events").resolve(name).toFile());
        for (JsonNode record : event.path("Records")) {
            ObjectNode body =
                    (ObjectNode) Json.MAPPER.readTree(record.path("body").asText());
            body.put("notificationId", body.path("notificationId").asText() + "#" + UUID.randomUUID());
            ((ObjectNode) record).put("body", body.toString());
        }
        return Json.MAPPER.writeValueAsBytes(event);
    }

    /** The case of the dispatcher's sample request, as the case functions store one just submitted. */
    private static SupportCase sampleCase() {
        Instant at = Instant.parse("2026-11-27T01:00:00Z");
        return new SupportCase(
                SAMPLE_CASE,
                SAMPLE_TENANT,
                Category.TECHNICAL,
                ServiceName.EXCHANGE_ONLINE,
                "Shared mailbox permissions",
                "Members cannot send as the shared mailbox.",
                Severity.B,
                null,
                new CaseContact("Li Na", SAMPLE_CONTACT, null, ContactMethod.EMAIL, Language.EN),
                CaseStatus.OPEN,
                List.of(),
                List.of(new CaseEvent(
                        CaseEventType.SUBMITTED,
                        at,
                        "admin-1",
                        Actor.ADMIN,
                        null,
                        Severity.B,
                        CaseStatus.OPEN,
                        null,
                        null)),
                OpenedVia.ONLINE,
                1,
                at,
                "admin-1",
                at,
                null);
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

    /** The function's handler, built through its {@code FunctionEnvironment} constructor from the jar alone. */
    private static Object handlerFromJar(URLClassLoader loader, FunctionDefinition function, Map<String, String> env)
            throws ReflectiveOperationException {
        Class<?> environment = loader.loadClass("com.supportdesk.runtime.FunctionEnvironment");
        Object context = environment.getMethod("of", Map.class, Clock.class).invoke(null, env, Clock.systemUTC());
        Object handler = loader.loadClass(function.handlerClass())
                .getConstructor(environment)
                .newInstance(context);
        assertThat(handler.getClass().getClassLoader()).isSameAs(loader);
        return handler;
    }

    /** The stream method the Lambda runtime calls. */
    private static Method streamEntry(Object handler, URLClassLoader loader) throws ReflectiveOperationException {
        return handler.getClass()
                .getMethod(
                        "handleRequest",
                        InputStream.class,
                        OutputStream.class,
                        loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
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
