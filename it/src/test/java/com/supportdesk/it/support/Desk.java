package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.SentEmail;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.RegisteredContacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every HTTP function of template.yaml, built as the tests build them (template environment, emulators,
 * WireMock for SNS, a clock the test moves), answering by route key: a whole desk to send requests to.
 */
public final class Desk implements AutoCloseable {
    /** Friday 2026-11-27 09:00 in Beijing. */
    public static final Instant START = Instant.parse("2026-11-27T01:00:00Z");
    /** Confirmations are paced to a short minimum in tests to keep them quick. */
    public static final Map<String, String> FAST_CONFIRM = Map.of("PIN_CONFIRM_MIN_DURATION", "PT0.01S");

    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{4}) ([0-9]{4})(?![0-9])");

    public final LocalAws aws;
    public final MutableClock clock = new MutableClock(START);
    public final SnsStub sns = new SnsStub();
    private final Map<String, HttpApiFunction> byRoute = new LinkedHashMap<>();

    public Desk(LocalAws aws) {
        this(aws, Map.of());
    }

    /** @param extraEnv laid over every function's environment (for example another DynamoDB endpoint) */
    public Desk(LocalAws aws, Map<String, String> extraEnv) {
        this.aws = aws;
        Map<String, String> env = new LinkedHashMap<>(FAST_CONFIRM);
        env.putAll(sns.environment());
        env.putAll(extraEnv);
        for (FunctionDefinition function : SamTemplate.ofProject().functions()) {
            if (function.httpRoutes().isEmpty()) {
                continue;
            }
            HttpApiFunction handler = Handlers.http(aws, function.logicalId(), clock, env);
            for (HttpRoute route : function.httpRoutes()) {
                byRoute.put(route.routeKey(), handler);
            }
        }
    }

    public Set<String> routeKeys() {
        return byRoute.keySet();
    }

    /** The function that serves {@code routeKey}. */
    public HttpApiFunction handlerFor(String routeKey) {
        HttpApiFunction handler = byRoute.get(routeKey);
        if (handler == null) {
            throw new IllegalArgumentException("No function serves " + routeKey);
        }
        return handler;
    }

    public HttpResult call(ApiEvent event) {
        return call(event.json());
    }

    public HttpResult call(ObjectNode event) {
        return Handlers.invoke(handlerFor(event.path("routeKey").asText()), event);
    }

    public String table(String logicalId) {
        return aws.emulators().tableNames().get(logicalId);
    }

    // ------------------------------------------------------------ fixtures

    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An ADVANCED organisation with two registered emails and one phone, stored directly. */
    public Organization organization(String tenant) {
        Organization organization = new Organization(
                tenant,
                "Org " + tenant,
                "CN",
                SupportPlan.ADVANCED,
                Language.EN,
                new RegisteredContacts(
                        List.of("admin@" + tenant + ".example", "it@" + tenant + ".example"),
                        List.of("+86138" + String.format("%08d", Math.floorMod(tenant.hashCode(), 100_000_000)))),
                null,
                1,
                START,
                "operator-1");
        new OrganizationRepository(aws.emulators().dynamoDbClient(), table("OrganizationsTable")).save(organization);
        return organization;
    }

    /** Opens the sample case (severity A, Exchange Online) as the tenant's admin and returns its id. */
    public String openCase(String tenant) {
        HttpResult created =
                call(ApiEvent.of("POST /cases").claims(Claims.admin(tenant)).header("idempotency-key", null));
        if (created.status() != 201) {
            throw new AssertionError("open case: " + created);
        }
        return created.json().path("caseId").asText();
    }

    /** Opens the sample case, responds to it as an agent and resolves it; returns its id. */
    public String resolvedCase(String tenant) {
        String caseId = openCase(tenant);
        HttpResult responded = call(ApiEvent.of("POST /cases/{caseId}/responses")
                .claims(Claims.agent("agent-resolver"))
                .path("caseId", caseId)
                .body("{\"message\":\"Fixed on our side.\"}"));
        if (responded.status() != 200) {
            throw new AssertionError("respond: " + responded);
        }
        HttpResult resolved = call(ApiEvent.of("PATCH /cases/{caseId}")
                .claims(Claims.agent("agent-resolver"))
                .path("caseId", caseId)
                .body("{\"status\":\"RESOLVED\",\"reason\":\"Fixed\"}"));
        if (resolved.status() != 200) {
            throw new AssertionError("resolve: " + resolved);
        }
        return caseId;
    }

    /** The newest verification code mailed to {@code address}, as it is read out ("1234 5678"). */
    public String lastCodeMailedTo(String address) {
        List<SentEmail> mails = aws.emulators().sentEmails();
        for (int i = mails.size() - 1; i >= 0; i--) {
            SentEmail mail = mails.get(i);
            Matcher code = CODE.matcher(mail.text() == null ? "" : mail.text());
            if (mail.to().stream().anyMatch(address::equalsIgnoreCase) && code.find()) {
                return code.group(1) + " " + code.group(2);
            }
        }
        throw new AssertionError("No code mailed to " + address);
    }

    @Override
    public void close() {
        sns.close();
    }
}
