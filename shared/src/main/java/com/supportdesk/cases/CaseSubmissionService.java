package com.supportdesk.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.ApiException;
import com.supportdesk.api.Json;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.ids.Ids;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Channel;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.runtime.Log;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.sla.SlaRule;
import com.supportdesk.sla.SlaStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Opening cases ({@code POST /cases}) and what an admin sees before ({@code GET /support/options}).
 *
 * <p>Idempotency: with an {@code Idempotency-Key} the key is claimed by a conditional put that names the
 * new case's id and a hash of the body; exactly one of any number of concurrent submissions wins the claim
 * and creates the case, the others wait for its answer and return it (200, same body). The same key with a
 * different body is a 409. A claim whose holder died before finishing is taken over after
 * {@link #STALE_CLAIM} and finished with the same case id, so the case is never created twice.
 */
public final class CaseSubmissionService {
    public static final Duration KEY_TTL = Duration.ofHours(24);
    static final Duration STALE_CLAIM = Duration.ofSeconds(30);
    private static final Duration WAIT_FOR_CLAIM = Duration.ofSeconds(5);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");

    private final CaseRepository cases;
    private final OrganizationRepository organizations;
    private final IncidentRepository incidents;
    private final CaseSla sla;
    private final NotificationPublisher notifications;
    private final AgentGrantCheck grants;
    private final String forumUrl;
    private final Clock clock;

    public CaseSubmissionService(
            CaseRepository cases,
            OrganizationRepository organizations,
            IncidentRepository incidents,
            CaseSla sla,
            NotificationPublisher notifications,
            AgentGrantCheck grants,
            String forumUrl,
            Clock clock) {
        this.cases = cases;
        this.organizations = organizations;
        this.incidents = incidents;
        this.sla = sla;
        this.notifications = notifications;
        this.grants = grants;
        this.forumUrl = forumUrl;
        this.clock = clock;
    }

    /** The history records on whose authority an agent opened the case: the grant of the caller's verification. */
    private static String submissionReason(Caller caller, Optional<String> grant, String businessImpact) {
        if (!caller.has(Role.AGENT)) {
            return businessImpact;
        }
        String phone = "Opened by phone for a caller verified by PIN (grant " + grant.orElse("?") + ")";
        return businessImpact == null ? phone : phone + "; business impact: " + businessImpact;
    }

    /** Wording from the policy in force (which may be read on first use, not at construction). */
    private SupportDirectory directory() {
        return new SupportDirectory(sla.policies());
    }

    /** The answer: 201 for a new case, 200 for a retry; {@code body} is the same JSON either way. */
    public record Submission(boolean created, String caseId, JsonNode body) {}

    public Submission submit(Caller caller, String rawBody, Optional<String> idempotencyKey, Optional<String> grant) {
        requireMayOpenCases(caller);
        NewCase body = Json.read(rawBody, NewCase.class);
        String tenantId = actingTenant(caller, body.tenantId(), grant);
        Optional<String> key = idempotencyKey.map(String::strip);
        if (key.isPresent() && !KEY.matcher(key.get()).matches()) {
            throw ApiException.badRequest(
                    "INVALID_IDEMPOTENCY_KEY",
                    "The Idempotency-Key header must be 8 to 128 letters, digits or . _ : - (a UUID is ideal).");
        }
        String bodyHash = hash(tenantId, rawBody);
        if (key.isPresent()) {
            Optional<CaseRepository.IdempotencyRecord> earlier = cases.findKey(tenantId, key.get());
            if (earlier.isPresent() && earlier.get().complete()) {
                return replay(earlier.get(), bodyHash);
            }
        }

        Organization organization = organizations
                .find(tenantId)
                .orElseThrow(() -> ApiException.unprocessable(
                        "ORGANIZATION_NOT_REGISTERED",
                        "Organisation " + tenantId + " has no profile yet; support cannot open cases for it."));
        NewCase request = body.validated(organization.language());
        CaseRules.thirdParty(request, forumUrl);
        CaseRules.severity(
                organization,
                request.category(),
                request.severity(),
                request.businessImpact(),
                request.contact(),
                sla.policies());

        Instant now = clock.instant();
        String caseId = Ids.next("CS", 3);
        if (key.isPresent() && !cases.claimKey(tenantId, key.get(), bodyHash, caseId, now, now.plus(KEY_TTL))) {
            CaseRepository.IdempotencyRecord holder = awaitClaim(tenantId, key.get(), bodyHash);
            if (holder.complete()) {
                return replay(holder, bodyHash);
            }
            caseId = holder.caseId(); // taken over: finish the holder's case under its id
        }

        List<Incident> active =
                request.category() == Category.TECHNICAL ? incidents.active(Optional.of(request.service())) : List.of();
        SupportCase supportCase = new SupportCase(
                caseId,
                tenantId,
                request.category(),
                request.service(),
                request.title(),
                request.description(),
                request.severity(),
                request.businessImpact(),
                request.contact(),
                CaseStatus.OPEN,
                active.stream().map(Incident::incidentId).toList(),
                List.of(CaseEvent.submitted(
                        now,
                        caller.subject(),
                        caller.has(Role.ADMIN) && !caller.has(Role.AGENT) ? Actor.ADMIN : Actor.AGENT,
                        request.severity(),
                        submissionReason(caller, grant, request.businessImpact()))),
                caller.has(Role.AGENT) ? OpenedVia.PHONE : OpenedVia.ONLINE,
                1,
                now,
                caller.subject(),
                now);
        NotificationRequest acknowledgement = NotificationRequest.of(
                caseId + "#ack",
                NotificationType.CASE_ACKNOWLEDGEMENT,
                tenantId,
                caseId,
                Recipient.caseContact(channel(request.contact())),
                request.contact().language(),
                now);
        if (!cases.create(supportCase, Map.of(acknowledgement.notificationId(), acknowledgement))) {
            if (key.isEmpty()) {
                throw ApiException.conflict("ID_COLLISION", "Please retry.");
            }
            // the claim's first holder created it before it stopped: answer with what is stored
            supportCase = cases.find(caseId)
                    .orElseThrow(() -> CaseRepository.notFound(""))
                    .supportCase();
            active = supportCase.incidentIds().stream()
                    .map(incidents::find)
                    .flatMap(Optional::stream)
                    .toList();
        } else {
            publish(caseId, acknowledgement);
            Log.info(
                    "case_opened",
                    Map.of(
                            "caseId",
                            caseId,
                            "tenantId",
                            tenantId,
                            "severity",
                            request.severity().name(),
                            "category",
                            request.category().name()));
        }
        JsonNode response = Json.MAPPER.valueToTree(receipt(supportCase, organization, active));
        if (key.isPresent()) {
            cases.completeKey(tenantId, key.get(), Json.write(response));
        }
        return new Submission(true, caseId, response);
    }

    /** Only admins open cases online; a tenant member gets guidance, other roles a plain refusal. */
    private void requireMayOpenCases(Caller caller) {
        if (caller.hasAny(Role.ADMIN, Role.AGENT)) {
            return;
        }
        if (caller.has(Role.USER)) {
            throw ApiException.forbidden(CaseRules.userGuidance(forumUrl));
        }
        throw ApiException.forbidden("This operation is not available to your role.");
    }

    /**
     * The tenant the case is for. An admin: their own (a {@code tenantId} in the body must match). An agent:
     * the body's {@code tenantId}, and only with a verification grant for it (see {@link AgentGrantCheck}).
     */
    private String actingTenant(Caller caller, String bodyTenant, Optional<String> grant) {
        if (caller.has(Role.AGENT)) {
            if (bodyTenant == null) {
                throw com.supportdesk.api.Validate.invalid("tenantId", "is required when an agent opens a case");
            }
            if (grant.isEmpty() || !grants.allows(caller, grant.get(), bodyTenant, clock.instant())) {
                throw ApiException.forbidden("An agent can open a case only for a caller verified by PIN: send the"
                        + " Verification-Grant of a successful verification for tenant " + bodyTenant + ".");
            }
            return bodyTenant;
        }
        String own = caller.adminTenant();
        if (bodyTenant != null && !bodyTenant.equals(own)) {
            throw ApiException.forbidden("You can open cases only for your own organisation.");
        }
        return own;
    }

    private Submission replay(CaseRepository.IdempotencyRecord record, String bodyHash) {
        if (!record.bodyHash().equals(bodyHash)) {
            throw reused();
        }
        try {
            return new Submission(false, record.caseId(), Json.MAPPER.readTree(record.response()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable stored response", e);
        }
    }

    private static ApiException reused() {
        return ApiException.conflict(
                "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was already used with a different request; use a new key for a new case.");
    }

    /** Waits for the holder of a key to finish, or takes the claim over when its holder stopped. */
    private CaseRepository.IdempotencyRecord awaitClaim(String tenantId, String key, String bodyHash) {
        // Real time, not the case clock: this bounds how long this request waits for another one.
        Instant deadline = Instant.now().plus(WAIT_FOR_CLAIM);
        while (true) {
            CaseRepository.IdempotencyRecord holder = cases.findKey(tenantId, key)
                    .orElseThrow(() -> ApiException.conflict(
                            "IDEMPOTENCY_IN_PROGRESS",
                            "A request with this Idempotency-Key is in progress; retry shortly."));
            if (!holder.bodyHash().equals(bodyHash)) {
                throw reused();
            }
            if (holder.complete()) {
                return holder;
            }
            Instant now = clock.instant();
            if (holder.lockedAt() != null
                    && holder.lockedAt().plus(STALE_CLAIM).isBefore(now)
                    && cases.takeOverKey(tenantId, key, holder.lockedAt(), now)) {
                return holder;
            }
            if (Instant.now().isAfter(deadline)) {
                throw ApiException.conflict(
                        "IDEMPOTENCY_IN_PROGRESS",
                        "A request with this Idempotency-Key is in progress; retry shortly.");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.conflict("IDEMPOTENCY_IN_PROGRESS", "Retry shortly.");
            }
        }
    }

    private void publish(String caseId, NotificationRequest request) {
        cases.publishFromOutbox(caseId, request, notifications);
    }

    static Channel channel(CaseContact contact) {
        return contact.preferredMethod() == ContactMethod.PHONE ? Channel.SMS : Channel.EMAIL;
    }

    Receipt receipt(SupportCase c, Organization organization, List<Incident> linked) {
        SlaStatus status = sla.status(c, c.createdAt());
        SlaRule rule = sla.rule(status);
        Instant due = status.initialResponse().dueAt();
        return new Receipt(
                c.caseId(),
                c.status(),
                c.severity(),
                c.category(),
                c.service(),
                c.title(),
                c.createdAt(),
                new Receipt.InitialResponse(
                        rule.target().toString(),
                        due,
                        OffsetDateTime.ofInstant(due, rule.calendar().zone()),
                        rule.calendar().zone().getId()),
                SupportDirectory.describe(rule.calendar()),
                directory().expectedInitialResponse(c.severity(), c.category()),
                SupportDirectory.phoneFor(organization.country()),
                linked.stream().map(Receipt.IncidentLink::of).toList(),
                new Receipt.Links("/cases/" + c.caseId()));
    }

    // ------------------------------------------------------------------ support options

    public SupportOptions options(Caller caller, Optional<ServiceName> service) {
        requireMayOpenCases(caller);
        if (!caller.has(Role.ADMIN)) {
            throw ApiException.forbidden("Support options are shown to an organisation's administrators.");
        }
        String tenantId = caller.adminTenant();
        Organization organization =
                organizations.find(tenantId).orElseThrow(() -> ApiException.notFound("Organisation " + tenantId));
        List<SupportOptions.Contact> contacts = new ArrayList<>();
        organization
                .partnerContact()
                .ifPresent(p -> contacts.add(new SupportOptions.Contact(
                        "PARTNER",
                        p.name(),
                        p.phone(),
                        p.email(),
                        "Your subscription was bought through this partner: contact them first.")));
        SupportDirectory.Phone phone = SupportDirectory.phoneFor(organization.country());
        contacts.add(new SupportOptions.Contact(
                "VENDOR", "Support Desk", phone.number(), null, "Open a case online, or call us."));
        List<SupportOptions.Hours> hours = new ArrayList<>();
        List<SupportOptions.ExpectedResponse> expected = new ArrayList<>();
        for (Category category : Category.values()) {
            hours.add(new SupportOptions.Hours(category, directory().supportHours(category)));
            for (Severity severity : sla.policies().allowedSeverities(category)) {
                boolean available = severity != Severity.A || organization.supportPlan() == SupportPlan.ADVANCED;
                expected.add(new SupportOptions.ExpectedResponse(
                        category,
                        severity,
                        directory().expectedInitialResponse(severity, category),
                        SupportDirectory.describe(
                                sla.policies().rule(severity, category).calendar()),
                        available));
            }
        }
        return new SupportOptions(
                tenantId, service.orElse(null), incidents.active(service), contacts, phone, hours, expected);
    }

    // ------------------------------------------------------------------ body hash

    /** SHA-256 of the tenant and the body in canonical form (keys sorted), so spacing and key order do not matter. */
    static String hash(String tenantId, String rawBody) {
        String canonical;
        try {
            canonical = Json.MAPPER.writeValueAsString(canonical(Json.MAPPER.readTree(rawBody)));
        } catch (java.io.IOException e) {
            canonical = rawBody;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(tenantId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            return sorted;
        }
        if (node != null && node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }
}
