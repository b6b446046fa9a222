package com.supportdesk.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.ApiTexts;
import com.supportdesk.i18n.GuidanceTexts;
import com.supportdesk.i18n.LanguageChoice;
import com.supportdesk.i18n.Messages;
import com.supportdesk.i18n.Text;
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
    public record Submission(boolean created, String caseId, JsonNode body) {
        /** The language the receipt's words are in (absent in a receipt stored before it said so). */
        public Optional<Language> language() {
            JsonNode tag = body == null ? null : body.get("language");
            if (tag == null || !tag.isTextual()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Language.fromTag(tag.asText()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public Submission submit(Caller caller, String rawBody, Optional<String> idempotencyKey, Optional<String> grant) {
        return submit(caller, rawBody, idempotencyKey, grant, Optional.empty());
    }

    /**
     * Opens a case; the receipt's words are in the language {@link LanguageChoice} picks from
     * {@code acceptLanguage} and the organisation's profile. A retry gets the first answer as it was, in the
     * language it was first given in (its {@code language} says which).
     */
    public Submission submit(
            Caller caller,
            String rawBody,
            Optional<String> idempotencyKey,
            Optional<String> grant,
            Optional<String> acceptLanguage) {
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
                        "ORGANIZATION_NOT_REGISTERED", Text.of("ORGANIZATION_NOT_REGISTERED", "id", tenantId)));
        Language language = LanguageChoice.choose(acceptLanguage, Optional.ofNullable(organization.language()));
        return Refusal.forOrganisation(
                organization.language(),
                () -> open(
                        caller, grant, key, tenantId, organization, body.validated(organization.language()), language));
    }

    /** The case of a validated request, for an organisation whose profile is read. */
    private Submission open(
            Caller caller,
            Optional<String> grant,
            Optional<IdempotencyKeys.Key> key,
            String tenantId,
            Organization organization,
            NewCase request,
            Language language) {
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
            return create(caller, grant, key, tenantId, organization, request, caseId, now, language);
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
            Instant now,
            Language language) {
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
                throw Refusal.conflict("ID_COLLISION");
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
        JsonNode response = Json.MAPPER.valueToTree(receipt(supportCase, organization, active, language));
        key.ifPresent(k -> keys.complete(k, response));
        return new Submission(true, caseId, response);
    }

    /**
     * Only admins open cases online; a tenant member gets guidance (in their organisation's language unless
     * they asked for another: the one read of the profile a refusal is worth), other roles a plain refusal.
     */
    private void requireMayOpenCases(Caller caller) {
        if (caller.hasAny(Role.ADMIN, Role.AGENT)) {
            return;
        }
        if (caller.has(Role.USER)) {
            Refusal guidance = Refusal.forbidden(CaseRules.userGuidance(forumUrl));
            throw caller.tenantId()
                    .flatMap(organizations::find)
                    .map(o -> guidance.forOrganisationLanguage(o.language()))
                    .orElse(guidance);
        }
        throw Refusal.forbidden(Text.of("FORBIDDEN.role"));
    }

    /**
     * The tenant the case is for. An admin: their own (a {@code tenantId} in the body must match). An agent:
     * the body's {@code tenantId}, and only with a verification grant for it (see {@link AgentGrantCheck}).
     */
    private String actingTenant(Caller caller, String bodyTenant, Optional<String> grant) {
        if (caller.has(Role.AGENT)) {
            if (bodyTenant == null) {
                throw com.supportdesk.api.Validate.invalid("tenantId", "agentTenant");
            }
            if (grant.isEmpty() || !grants.allows(caller, grant.get(), bodyTenant, clock.instant())) {
                throw Refusal.forbidden(Text.of("FORBIDDEN.agentNeedsGrant", "tenantId", bodyTenant));
            }
            return bodyTenant;
        }
        String own = caller.adminTenant();
        if (bodyTenant != null && !bodyTenant.equals(own)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.ownOrganisation"));
        }
        return own;
    }

    private static Submission replay(IdempotencyKeys.Answer answer) {
        return new Submission(false, answer.caseId(), answer.body());
    }

    static Channel channel(CaseContact contact) {
        return contact.preferredMethod() == ContactMethod.PHONE ? Channel.SMS : Channel.EMAIL;
    }

    Receipt receipt(SupportCase c, Organization organization, List<Incident> linked, Language language) {
        SlaStatus status = sla.status(c, c.createdAt());
        SlaRule rule = sla.rule(status);
        Instant due = status.initialResponse().dueAt();
        SupportDirectory directory = directory();
        return new Receipt(
                language,
                c.caseId(),
                c.status(),
                c.severity(),
                c.category(),
                c.service(),
                c.title(),
                c.createdAt(),
                new Receipt.InitialResponse(
                        rule.target().toString(),
                        GuidanceTexts.target(language, rule.target()),
                        due,
                        OffsetDateTime.ofInstant(due, rule.calendar().zone()),
                        rule.calendar().zone().getId()),
                GuidanceTexts.hours(language, rule.calendar()),
                directory.expectedInitialResponse(c.severity(), c.category(), language),
                SupportDirectory.phoneFor(organization.country(), language),
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
            throw Refusal.forbidden(Text.of("FORBIDDEN.optionsForAdmins"));
        }
        String tenantId = caller.adminTenant();
        Organization organization = organizations
                .find(tenantId)
                .orElseThrow(() -> Refusal.notFound(Text.of("NOT_FOUND.organisation", "id", tenantId)));
        Language language = LanguageChoice.choose(acceptLanguage, Optional.ofNullable(organization.language()));
        Messages texts = ApiTexts.bundle();
        List<SupportOptions.Contact> contacts = new ArrayList<>();
        organization
                .partnerContact()
                .ifPresent(p -> contacts.add(new SupportOptions.Contact(
                        "PARTNER", p.name(), p.phone(), p.email(), texts.text(language, "options.partner.note"))));
        SupportDirectory.Phone phone = SupportDirectory.phoneFor(organization.country(), language);
        SupportDirectory directory = directory();
        contacts.add(new SupportOptions.Contact(
                "VENDOR",
                texts.text(language, "options.vendor.name"),
                phone.number(),
                null,
                texts.text(language, "options.vendor.note")));
        List<SupportOptions.Hours> hours = new ArrayList<>();
        List<SupportOptions.ExpectedResponse> expected = new ArrayList<>();
        for (Category category : Category.values()) {
            hours.add(new SupportOptions.Hours(category, directory.supportHours(category, language)));
            for (Severity severity : sla.policies().allowedSeverities(category)) {
                boolean available = severity != Severity.A || organization.supportPlan() == SupportPlan.ADVANCED;
                expected.add(new SupportOptions.ExpectedResponse(
                        category,
                        severity,
                        directory.expectedInitialResponse(severity, category, language),
                        directory.supportHours(severity, category, language),
                        available));
            }
        }
        SeverityGuidance guidance = SeverityGuidance.of(
                organization.supportPlan(), sla.policies(), language, firstResponses, clock.instant());
        List<Incident> active = incidents.active(service);
        return new SupportOptions(
                language,
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
