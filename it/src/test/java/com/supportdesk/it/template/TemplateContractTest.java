package com.supportdesk.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.supportdesk.api.Json;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.template.CfnYaml;
import com.supportdesk.local.template.EventSource;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
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
    void everyRouteHasASampleEventAndEveryHttpSampleIsARoute() throws IOException {
        Set<String> sampled = new TreeSet<>();
        for (SampleEvent sample : SampleEvent.all()) {
            if (sample.kind() == SampleEvent.Kind.HTTP) {
                sampled.add(sample.json().path("routeKey").asText());
            }
        }
        Set<String> routed = new TreeSet<>();
        template.httpRoutes().forEach(route -> routed.add(route.routeKey()));
        assertThat(sampled).isEqualTo(routed);
    }

    @Test
    void everySampleEventIsOfAnEventSourceTheTemplateUses() throws IOException {
        assertThat(SampleEvent.all()).isNotEmpty().allSatisfy(sample -> assertThat(sample.kind())
                .as(sample.file() + ": an HTTP API, SQS or scheduled event")
                .isNotEqualTo(SampleEvent.Kind.UNKNOWN));
        for (SampleEvent sample : SampleEvent.ofKind(SampleEvent.Kind.SQS)) {
            assertThat(template.queues().keySet())
                    .as(sample.file() + ": every record's eventSourceARN names a queue of the template")
                    .anySatisfy(queue -> assertThat(sample.namesQueue(queue)).isTrue());
            SampleEvent.deserialise(sample, SQSEvent.class);
        }
        for (SampleEvent sample : SampleEvent.ofKind(SampleEvent.Kind.SCHEDULE)) {
            SampleEvent.deserialise(sample, ScheduledEvent.class);
        }
    }

    /**
     * Each {@code SQS} and {@code Schedule} event of the template has a sample in {@code events/} that the
     * handler's input type reads with the runtime's own serialiser: for a queue, a sample whose records come
     * from that queue; for a schedule, a sample whose rule is named as SAM names it
     * ({@code <stack>-<Function><Event>-<suffix>}).
     */
    @Test
    void everyQueueAndScheduleEventOfTheTemplateHasASampleThatItsHandlerReads() throws Exception {
        List<SampleEvent> samples = SampleEvent.all();
        for (FunctionDefinition function : template.functions()) {
            Class<?> input = LocalFunction.inputTypeOf(function, getClass().getClassLoader());
            for (EventSource event : function.eventsOfType("SQS")) {
                String queue = getAttTarget(event.properties().get("Queue"));
                List<SampleEvent> matching = samples.stream()
                        .filter(sample -> sample.kind() == SampleEvent.Kind.SQS && sample.namesQueue(queue))
                        .toList();
                assertThat(matching)
                        .as(
                                "%s %s: a sample in events/ whose records come from %s",
                                function.logicalId(), event.name(), queue)
                        .isNotEmpty();
                matching.forEach(sample -> assertReads(function, input, sample, SQSEvent.class));
            }
            for (EventSource event : function.eventsOfType("Schedule")) {
                String rule = function.logicalId() + event.name();
                List<SampleEvent> matching = samples.stream()
                        .filter(sample -> sample.kind() == SampleEvent.Kind.SCHEDULE && sample.namesRule(rule))
                        .toList();
                assertThat(matching)
                        .as(
                                "%s %s: a sample in events/ whose rule is named ...-%s-...",
                                function.logicalId(), event.name(), rule)
                        .isNotEmpty();
                matching.forEach(sample -> assertReads(function, input, sample, ScheduledEvent.class));
            }
        }
    }

    /**
     * The handler takes the event type of its source (or raw bytes, a map or an object) and reads the sample
     * with the runtime's serialiser. The serialiser ignores unknown fields, so reading alone would accept a
     * handler typed for another event: hence the type check first.
     */
    private static void assertReads(FunctionDefinition function, Class<?> input, SampleEvent sample, Class<?> type) {
        assertThat(List.of(type, InputStream.class, Map.class, Object.class))
                .as("%s takes %s", function.logicalId(), type.getSimpleName())
                .contains(input);
        if (input == InputStream.class) {
            return;
        }
        Object event = SampleEvent.deserialise(sample, input);
        assertThat(event).as(sample.file().toString()).isNotNull();
        if (event instanceof SQSEvent sqs) {
            assertThat(sqs.getRecords()).isNotEmpty().allSatisfy(record -> {
                assertThat(record.getBody()).isNotNull();
                assertThat(record.getMessageId()).isNotBlank();
                assertThat(record.getAttributes()).containsKey("ApproximateReceiveCount");
            });
        }
        if (event instanceof ScheduledEvent scheduled) {
            assertThat(scheduled.getSource()).isEqualTo("aws.events");
            assertThat(scheduled.getTime()).isNotNull();
        }
    }

    /** What a queue subscribed (raw) to the notification topic carries is exactly a notification request. */
    @Test
    void sampleRecordsOfTheNotificationQueueAreNotificationRequests() throws IOException {
        Set<String> topics = new TreeSet<>();
        for (FunctionDefinition function : template.functions()) {
            Object topic = function.environment().get(SnsNotificationPublisher.TOPIC_ENV);
            if (topic instanceof Map<?, ?> ref && ref.get("Ref") != null) {
                topics.add(String.valueOf(ref.get("Ref")));
            }
        }
        assertThat(topics)
                .as("functions publish notification requests to a topic")
                .isNotEmpty();
        Set<String> queues = new TreeSet<>();
        template.subscriptions().values().stream()
                .filter(s -> "sqs".equals(s.get("Protocol")))
                .filter(s ->
                        s.get("TopicArn") instanceof Map<?, ?> ref && topics.contains(String.valueOf(ref.get("Ref"))))
                .forEach(s -> {
                    assertThat(s.get("RawMessageDelivery"))
                            .as("the queue receives the request itself, not an SNS envelope")
                            .isEqualTo(true);
                    queues.add(getAttTarget(s.get("Endpoint")));
                });
        assertThat(queues).as("a queue subscribes to the notification topic").isNotEmpty();
        for (String queue : queues) {
            List<SampleEvent> samples = SampleEvent.ofKind(SampleEvent.Kind.SQS).stream()
                    .filter(sample -> sample.namesQueue(queue))
                    .toList();
            assertThat(samples).as("a sample of " + queue).isNotEmpty();
            for (SampleEvent sample : samples) {
                for (SQSEvent.SQSMessage record :
                        SampleEvent.deserialise(sample, SQSEvent.class).getRecords()) {
                    NotificationRequest request = Json.MAPPER.readValue(record.getBody(), NotificationRequest.class);
                    assertThat(request.schema()).isEqualTo(NotificationRequest.SCHEMA);
                    assertThat(request.version()).isEqualTo(NotificationRequest.VERSION);
                    assertThat(record.getMessageAttributes().get("type").getStringValue())
                            .as("the publisher's type attribute")
                            .isEqualTo(request.type().name());
                }
            }
        }
    }

    /** The local SQS server is for the runner and the tests: a deployed function never carries it. */
    @Test
    void noFunctionJarCarriesTheLocalSqsServer() throws IOException {
        List<Path> jars = template.functions().stream()
                .map(function -> ProjectRoot.find().resolve(function.codeUri()))
                .filter(Files::isRegularFile)
                .toList();
        Assumptions.assumeFalse(jars.isEmpty(), "the function jars are built by package, after this phase");
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.stream().map(ZipEntry::getName))
                        .as(jar.getFileName().toString())
                        .noneMatch(name -> name.startsWith("org/elasticmq/") || name.startsWith("org/apache/pekko/"));
            }
        }
    }

    /** {@code !GetAtt Queue.Arn} → {@code Queue}. */
    private static String getAttTarget(Object value) {
        assertThat(value).as("a !GetAtt <Resource>.Arn").isInstanceOf(Map.class);
        Object getAtt = ((Map<?, ?>) value).get("Fn::GetAtt");
        assertThat(getAtt).as("a !GetAtt <Resource>.Arn").isInstanceOf(List.class);
        return String.valueOf(((List<?>) getAtt).get(0));
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
