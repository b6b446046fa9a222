package com.supportdesk.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.LanguageChoice;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.ids.Ids;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Channel;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.IncidentHistory;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.servicehealth.ServiceHealthView;
import com.supportdesk.sla.SlaRule;
import com.supportdesk.sla.SlaStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opening cases ({@code POST /cases}) and what an admin sees before ({@code GET /support/options}).
 *
 * <p>With an {@code Idempotency-Key} ({@link IdempotencyKeys}) exactly one of any number of submissions with
 * the key creates the case; the others get its answer ({@code created = false}, same body).
 */
public final class CaseSubmissionService {
    private final CaseRepository cases;
    private final IdempotencyKeys keys;
    private final OrganizationRepository organizations;
    private final IncidentRepository incidents;
    private final CaseSla sla;
    private final CaseOutbox outbox;
    private final AgentGrantCheck grants;
    private final String forumUrl;
    private final Clock clock;
    private final Optional<FirstResponseStats> firstResponses;
    private final IncidentHistory incidentHistory;

    public CaseSubmissionService(
            CaseRepository cases,
            IdempotencyKeys keys,
            OrganizationRepository organizations,
            IncidentRepository incidents,
            CaseSla sla,
            CaseOutbox outbox,
            AgentGrantCheck grants,
            String forumUrl,
            Clock clock) {
        this(
                cases,
                keys,
                organizations,
                incidents,
                sla,
                outbox,
                grants,
                forumUrl,
                clock,
                Optional.empty(),
                IncidentHistory.DEFAULT);
    }

    /**
     * With {@code firstResponses}, the options show the typical wait of recent cases from that aggregate;
     * {@code incidentHistory} is how long resolved incidents stay in them.
     */
    public CaseSubmissionService(
            CaseRepository cases,
            IdempotencyKeys keys,
            OrganizationRepository organizations,
            IncidentRepository incidents,
            CaseSla sla,
            CaseOutbox outbox,
            AgentGrantCheck grants,
            String forumUrl,
            Clock clock,
            Optional<FirstResponseStats> firstResponses,
            IncidentHistory incidentHistory) {
        this.cases = cases;
        this.keys = keys;
        this.organizations = organizations;
        this.incidents = incidents;
        this.sla = sla;
        this.outbox = outbox;
        this.grants = grants;
        this.forumUrl = forumUrl;
        this.clock = clock;
        this.firstResponses = firstResponses;
        this.incidentHistory = incidentHistory;
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
        Optional<IdempotencyKeys.Key> key = IdempotencyKeys.of(tenantId, idempotencyKey, rawBody);
        Optional<IdempotencyKeys.Answer> earlier = key.flatMap(keys::answered);
        if (earlier.isPresent()) {
            return replay(earlier.get());
        }

        Organization organization = organizations
                .find(tenantId)
                .orElseThrow(() -> Refusal.ruleBroken(
                        "ORGANIZATION_NOT_REGISTERED",
                        "Organisation " + tenantId + " has no profile yet; support cannot open cases for it."));
        NewCase request = body.validated(organization.language());
        CaseRules.thirdParty(request, forumUrl);
        CaseRules.customerNetwork(request);
        CaseRules.severity(
                organization,
                request.category(),
                request.severity(),
                request.businessImpact(),
                request.contact(),
                sla.policies());

        Instant now = clock.instant();
        String caseId = Ids.next("CS", 3);
        Optional<Instant> lockedAt = Optional.empty();
        if (key.isPresent()) {
            switch (keys.claim(key.get(), caseId)) {
                case IdempotencyKeys.Claim.Answered answered -> {
                    return replay(answered.answer());
                }
                // a taken-over claim finishes the holder's case under its id
                case IdempotencyKeys.Claim.Proceed proceed -> {
                    caseId = proceed.caseId();
                    lockedAt = Optional.of(proceed.lockedAt());
                }
            }
        }
        try {
            return create(caller, grant, key, tenantId, organization, request, caseId, now);
        } catch (RuntimeException e) {
            // the client will retry with the same key: let that retry finish this case at once
            if (key.isPresent()) {
                keys.abandon(key.get(), lockedAt.orElseThrow());
            }
            throw e;
        }
    }

    private Submission create(
            Caller caller,
            Optional<String> grant,
            Optional<IdempotencyKeys.Key> key,
            String tenantId,
            Organization organization,
            NewCase request,
            String caseId,
            Instant now) {
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
                now,
                request.suggestionsShown());
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
                throw Refusal.conflict("ID_COLLISION", "Please retry.");
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
            outbox.publish(caseId, List.of(acknowledgement));
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
                            request.category().name(),
                            "suggestionsShown",
                            String.valueOf(request.suggestionsShown())));
        }
        JsonNode response = Json.MAPPER.valueToTree(receipt(supportCase, organization, active));
        key.ifPresent(k -> keys.complete(k, response));
        return new Submission(true, caseId, response);
    }

    /** Only admins open cases online; a tenant member gets guidance, other roles a plain refusal. */
    private void requireMayOpenCases(Caller caller) {
        if (caller.hasAny(Role.ADMIN, Role.AGENT)) {
            return;
        }
        if (caller.has(Role.USER)) {
            throw Refusal.forbidden(CaseRules.userGuidance(forumUrl));
        }
        throw Refusal.forbidden("This operation is not available to your role.");
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
                throw Refusal.forbidden("An agent can open a case only for a caller verified by PIN: send the"
                        + " Verification-Grant of a successful verification for tenant " + bodyTenant + ".");
            }
            return bodyTenant;
        }
        String own = caller.adminTenant();
        if (bodyTenant != null && !bodyTenant.equals(own)) {
            throw Refusal.forbidden("You can open cases only for your own organisation.");
        }
        return own;
    }

    private static Submission replay(IdempotencyKeys.Answer answer) {
        return new Submission(false, answer.caseId(), answer.body());
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
        return options(caller, service, Optional.empty());
    }

    /** The options; the guidance texts in the language {@link LanguageChoice} picks from {@code acceptLanguage}. */
    public SupportOptions options(Caller caller, Optional<ServiceName> service, Optional<String> acceptLanguage) {
        requireMayOpenCases(caller);
        if (!caller.has(Role.ADMIN)) {
            throw Refusal.forbidden("Support options are shown to an organisation's administrators.");
        }
        String tenantId = caller.adminTenant();
        Organization organization =
                organizations.find(tenantId).orElseThrow(() -> Refusal.notFound("Organisation " + tenantId));
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
        Language language = LanguageChoice.choose(acceptLanguage, Optional.ofNullable(organization.language()));
        SeverityGuidance guidance = SeverityGuidance.of(
                organization.supportPlan(), sla.policies(), language, firstResponses, clock.instant());
        List<Incident> active = incidents.active(service);
        return new SupportOptions(
                tenantId,
                service.orElse(null),
                active,
                contacts,
                phone,
                hours,
                expected,
                guidance,
                ServiceHealthView.of(active, incidents, service, incidentHistory, clock.instant()));
    }
}
