package com.supportdesk.it.verification;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.functions.notificationdispatcher.NotificationDispatcherHandler;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.it.support.NotificationDispatch;
import com.supportdesk.it.support.SesMailbox;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.RegisteredContacts;
import com.supportdesk.verification.AccessGrantRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One tenant with its own registered contacts, the verification function built from template.yaml on a
 * clock the test moves, and helpers to drive it with the sample events and read the mail it sent. The
 * notices to registered contacts are notification requests: {@link #deliverNotices()} runs the
 * dispatcher function over them, as the topic and the queue would.
 */
final class VerificationFixture {
    static final Instant START = Instant.parse("2026-11-27T01:00:00Z");
    static final String AGENT = "agent-li-na";
    static final String UNREGISTERED_PHONE = "+8613911112222";
    /** Confirmations are paced to this minimum in tests (300 ms by default) to keep the suite quick. */
    static final Map<String, String> FAST = Map.of("PIN_CONFIRM_MIN_DURATION", "PT0.05S");

    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{4}) ([0-9]{4})(?![0-9])");

    final LocalAws aws;
    final MutableClock clock = new MutableClock(START);
    final HttpApiFunction handler;
    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    final String email = "admin-" + tenant + "@contoso.example";
    final String email2 = "it-" + tenant + "@contoso.example";
    final String phone;
    final Organization organization;
    private final String snsUrl;
    private NotificationDispatcherHandler dispatcher;

    VerificationFixture(LocalAws aws, Language language, Map<String, String> extraEnv) {
        this.aws = aws;
        Map<String, String> env = new LinkedHashMap<>(FAST);
        env.put("AWS_ENDPOINT_URL_SNS", sharedSns().url()); // never the real SNS from a test
        env.putAll(extraEnv);
        this.snsUrl = env.get("AWS_ENDPOINT_URL_SNS");
        this.handler = Handlers.http(aws, "VerificationFunction", clock, env);
        this.phone = "+86138" + String.format("%08d", Math.floorMod(tenant.hashCode(), 100_000_000));
        this.organization = new Organization(
                tenant,
                "Contoso " + tenant,
                "CN",
                SupportPlan.ADVANCED,
                language,
                new RegisteredContacts(List.of(email, email2), List.of(phone)),
                null,
                1,
                START,
                "operator-1");
        new OrganizationRepository(dynamo(), table("OrganizationsTable")).save(organization);
    }

    private static FakeAwsHttp sharedSns;

    /** One WireMock SNS for the tests that do not look at SMS; it lives as long as the test JVM. */
    static synchronized FakeAwsHttp sharedSns() {
        if (sharedSns == null) {
            sharedSns = new FakeAwsHttp();
        }
        return sharedSns;
    }

    VerificationFixture(LocalAws aws) {
        this(aws, Language.EN, Map.of());
    }

    DynamoDbClient dynamo() {
        return aws.emulators().dynamoDbClient();
    }

    String table(String logicalId) {
        return aws.emulators().tableNames().get(logicalId);
    }

    AccessGrantRepository grants() {
        return new AccessGrantRepository(dynamo(), table("AccessGrantsTable"));
    }

    // ------------------------------------------------------------ requests

    ObjectNode startEvent(Map<String, ?> body) {
        ObjectNode event = sampleEvent("verifications-start.json");
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("tenantId", tenant);
        json.put("callerPhone", UNREGISTERED_PHONE);
        body.forEach((k, v) -> json.set(k, Json.MAPPER.valueToTree(v)));
        event.put("body", json.toString());
        return event;
    }

    HttpResult start(Map<String, ?> body) {
        return invoke(handler, startEvent(body));
    }

    HttpResult start() {
        return start(Map.of());
    }

    /** {@code n} confirmations of the same code by {@link #AGENT}, all at once. */
    List<HttpResult> confirmAll(String verificationId, String code, int n) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(confirmEvent(verificationId, code, AGENT));
        }
        return Concurrently.invokeAll(handler, events);
    }

    /** Grants stored for one verification (a test-only scan: the functions never scan). */
    long grantsIssuedFor(String verificationId) {
        return dynamo().scan(b -> b.tableName(table("AccessGrantsTable"))
                        .filterExpression("verificationId = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(verificationId))))
                .items()
                .size();
    }

    ObjectNode confirmEvent(String verificationId, String code, String agent) {
        ObjectNode event = sampleEvent("verifications-confirm.json");
        event.withObject("pathParameters").put("verificationId", verificationId);
        event.put("rawPath", "/verifications/" + verificationId + "/confirm");
        event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims")
                .put("sub", agent);
        event.put("body", Json.MAPPER.createObjectNode().put("code", code).toString());
        return event;
    }

    HttpResult confirm(String verificationId, String code) {
        return invoke(handler, confirmEvent(verificationId, code, AGENT));
    }

    // ------------------------------------------------------------ notices

    /**
     * Hands every notice this tenant's verifications published so far (read from the SNS stand-in) to the
     * dispatcher function, which mails and texts the registered contacts; a notice delivered before is
     * not sent again.
     */
    void deliverNotices() {
        List<String> notices = NotificationDispatch.requestsPublishedAt(
                snsUrl, r -> tenant.equals(r.path("tenantId").asText()));
        if (notices.isEmpty()) {
            return;
        }
        if (dispatcher == null) {
            dispatcher = NotificationDispatch.handler(aws, clock, Map.of("AWS_ENDPOINT_URL_SNS", snsUrl));
        }
        List<String> failed = NotificationDispatch.deliver(dispatcher, notices);
        if (!failed.isEmpty()) {
            throw new AssertionError("The dispatcher left " + failed.size() + " notice(s) to the queue");
        }
    }

    // ------------------------------------------------------------ mail

    /** Every email the SES emulator holds for {@code address}, oldest first. */
    List<JsonNode> mailsTo(String address) {
        return SesMailbox.mailsTo(aws, address);
    }

    /** The newest code mailed to {@code address}, as it is read out ("1234 5678"). */
    String lastCodeMailedTo(String address) {
        List<JsonNode> mails = mailsTo(address);
        for (int i = mails.size() - 1; i >= 0; i--) {
            Matcher m = CODE.matcher(mails.get(i).path("body").path("text").asText());
            if (m.find()) {
                return m.group(1) + " " + m.group(2);
            }
        }
        throw new AssertionError("No code mailed to " + address);
    }

    static String codeIn(String text) {
        Matcher m = CODE.matcher(text);
        if (!m.find()) {
            throw new AssertionError("No code in: " + text);
        }
        return m.group(1) + " " + m.group(2);
    }

    /** Starts a code to the default contact (the first email) and returns its id. */
    String startCode() {
        HttpResult started = start();
        if (started.status() != 201) {
            throw new AssertionError("start: " + started);
        }
        return started.json().path("verificationId").asText();
    }

    /** A code of the right form that is not {@code code}. */
    static String wrong(String code) {
        String digits = code.replace(" ", "");
        char last = digits.charAt(digits.length() - 1);
        return digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
