package com.supportdesk.benchmarks.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.LocalOutbox;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.sns.LocalSns;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.ProjectRoot;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world a cold-start run talks to: the emulators with every table of {@code template.yaml}, a local
 * SNS endpoint, and the records the sample events read (the organisation, an incident and a case of
 * {@code contoso-sample}, seeded through the real handlers; the case the dispatcher's sample request names,
 * written through the case repository). It writes one JSON file that lists, per
 * function of the template, its artifact, handler, sample event and environment (the template's
 * environment resolved against the emulators) and the warm cost of that event in this JVM, prints
 * {@code ready}, and keeps everything running until its standard input closes.
 *
 * <p>{@code benchmarks/cold-start} starts it; it is not meant to be run by hand. A new function is
 * measured once {@link #EVENTS} names its sample event; until then it is listed as skipped.
 *
 * <p>Argument: the file to write.
 */
public final class ColdStartEnvironment {

    /** The sample event (in {@code events/}) each function is measured with. */
    static final Map<String, String> EVENTS = Map.of(
            "OrganizationsFunction", "orgs-get.json",
            "ServiceHealthFunction", "service-health-list.json",
            "CaseSubmissionFunction", "cases-submit.json",
            "CaseApiFunction", "cases-list.json",
            "VerificationFunction", "verifications-start.json",
            "SupportSuggestionsFunction", "support-suggestions.json",
            "SlaSweepFunction", "sla-sweep-scheduled.json",
            "NotificationDispatcherFunction", "notifications-sqs.json");

    /** What the sample events read, written first through the function that owns it. */
    static final List<Map.Entry<String, String>> SEED = List.of(
            Map.entry("OrganizationsFunction", "orgs-put.json"),
            Map.entry("ServiceHealthFunction", "service-health-incident-create.json"),
            Map.entry("CaseSubmissionFunction", "cases-submit.json"));

    /**
     * Settings only the benchmark adds. The PIN send limits are raised so that every run of
     * {@code POST /verifications} takes the same path (a code sent by email) instead of being refused
     * after the third run of the hour; no other function reads them.
     */
    static final Map<String, String> BENCHMARK_SETTINGS = Map.of(
            "PIN_MAX_SENDS_PER_HOUR", "1000000",
            "PIN_MAX_SENDS_PER_DAY", "1000000",
            "PIN_RESEND_COOLDOWN", "PT0S");

    private ColdStartEnvironment() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ColdStartEnvironment <targets.json>");
            System.exit(2);
        }
        Path root = ProjectRoot.find();
        SamTemplate template = SamTemplate.ofProject();
        Clock clock = Clock.systemUTC();
        try (Emulators emulators = Emulators.start(template);
                LocalSns sns = LocalSns.start(new LocalOutbox(clock), clock)) {
            LocalAws aws = new LocalAws(
                    emulators,
                    Map.of("JwtIssuer", "https://issuer.example.com", "JwtAudience", "support-desk"),
                    localSettings(sns));
            seed(root, template, aws, clock);
            Files.writeString(Path.of(args[0]), Json.MAPPER.writeValueAsString(targets(root, template, aws)));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the driver closes our standard input
            }
        }
    }

    private static Map<String, String> localSettings(LocalSns sns) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Map<String, String> settings = new LinkedHashMap<>(BENCHMARK_SETTINGS);
        settings.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        settings.put("PIN_HMAC_SECRET_ARN", "");
        settings.put("PIN_HMAC_KEY", HexFormat.of().formatHex(key));
        // the page-token key of the case lists, as the local runner gives it (no Secrets Manager locally)
        byte[] pageTokenKey = new byte[32];
        new java.security.SecureRandom().nextBytes(pageTokenKey);
        settings.put("PAGE_TOKEN_SECRET_ARN", "");
        settings.put("PAGE_TOKEN_KEY", HexFormat.of().formatHex(pageTokenKey));
        return settings;
    }

    private static void seed(Path root, SamTemplate template, LocalAws aws, Clock clock) throws IOException {
        for (Map.Entry<String, String> step : SEED) {
            FunctionDefinition definition = template.function(step.getKey())
                    .orElseThrow(() -> new IllegalStateException(step.getKey() + " is not in template.yaml"));
            LocalFunction function = load(definition, aws, clock);
            byte[] event = Files.readAllBytes(root.resolve("events").resolve(step.getValue()));
            JsonNode answer = Json.MAPPER.readTree(function.invoke(event, "seed"));
            int status = answer.path("statusCode").asInt();
            if (status / 100 != 2) {
                throw new IllegalStateException("Seeding with " + step.getValue() + " answered " + answer);
            }
        }
        // the case the dispatcher's sample request is about, as the case functions store one just submitted
        new CaseRepository(
                        aws.emulators().dynamoDbClient(),
                        aws.emulators().tableNames().get("CasesTable"),
                        new CaseSla(SlaPolicies.defaults()))
                .create(sampleCase(), Map.of());
    }

    /** The case of {@code events/notifications-sqs.json}: the dispatcher mails its contact an acknowledgement. */
    private static SupportCase sampleCase() {
        Instant at = Instant.parse("2026-11-27T01:00:00Z");
        return new SupportCase(
                "CS-7K3M-Q9TX-2HFA",
                "contoso-sample",
                Category.TECHNICAL,
                ServiceName.EXCHANGE_ONLINE,
                "Shared mailbox permissions",
                "Members cannot send as the shared mailbox.",
                Severity.B,
                null,
                new CaseContact("Li Na", "li.na@contoso.example", null, ContactMethod.EMAIL, Language.EN),
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

    private static ArrayNode targets(Path root, SamTemplate template, LocalAws aws) throws IOException {
        ArrayNode targets = Json.MAPPER.createArrayNode();
        for (FunctionDefinition function : template.functions()) {
            ObjectNode target = targets.addObject();
            target.put("name", function.logicalId());
            target.put("artifact", root.resolve(function.codeUri()).toString());
            target.put("handler", function.handler());
            String event = EVENTS.get(function.logicalId());
            if (event == null) {
                target.put("skipped", "no sample event named in ColdStartEnvironment.EVENTS");
                continue;
            }
            target.put("event", root.resolve("events").resolve(event).toString());
            ObjectNode env = target.putObject("environment");
            aws.environmentOf(function).forEach(env::put);
            target.put("warmInvokeMs", warmInvokeMs(root, function, aws, event));
        }
        return targets;
    }

    /**
     * The same event answered by an instance that has already answered it many times, in this JVM: what
     * an invocation costs once nothing is cold, mostly the calls to the emulators. No priming can take a
     * first invocation below this.
     */
    private static double warmInvokeMs(Path root, FunctionDefinition definition, LocalAws aws, String event)
            throws IOException {
        LocalFunction function = load(definition, aws, Clock.systemUTC());
        byte[] json = Files.readAllBytes(root.resolve("events").resolve(event));
        double[] millis = new double[WARM_ROUNDS];
        for (int i = 0; i < WARM_ROUNDS; i++) {
            byte[] fresh = freshIdempotencyKey(json);
            long started = System.nanoTime();
            function.invoke(fresh, "warm-" + i);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double[] last = java.util.Arrays.copyOfRange(millis, WARM_ROUNDS / 2, WARM_ROUNDS);
        java.util.Arrays.sort(last);
        return Math.round(last[last.length / 2] * 10) / 10.0;
    }

    private static final int WARM_ROUNDS = 40;

    /**
     * As the driver does for the cold runs: a submission with a new key creates a case each time, and a
     * notification request with a new id is delivered each time (not found already sent).
     */
    private static byte[] freshIdempotencyKey(byte[] json) throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(json);
        ObjectNode headers = event.path("headers").isObject() ? (ObjectNode) event.get("headers") : null;
        if (headers != null && headers.has("idempotency-key")) {
            headers.put("idempotency-key", java.util.UUID.randomUUID().toString());
        }
        for (JsonNode record : event.path("Records")) {
            if (record.path("body").isTextual()) {
                ObjectNode body =
                        (ObjectNode) Json.MAPPER.readTree(record.get("body").asText());
                body.put("notificationId", body.path("notificationId").asText() + "#" + java.util.UUID.randomUUID());
                ((ObjectNode) record).put("body", Json.MAPPER.writeValueAsString(body));
            }
        }
        return Json.MAPPER.writeValueAsBytes(event);
    }

    private static LocalFunction load(FunctionDefinition definition, LocalAws aws, Clock clock) {
        return LocalFunction.load(
                definition,
                aws.contextOf(definition, clock),
                ColdStartEnvironment.class.getClassLoader(),
                Duration.ofSeconds(15),
                1024,
                "arn:aws:lambda:us-east-1:" + LocalAws.ACCOUNT + ":function:" + definition.logicalId());
    }
}
