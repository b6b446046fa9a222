package com.supportdesk.cases;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.persistence.ConflictRetry;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import com.supportdesk.sla.ResponseState;
import com.supportdesk.sla.SlaStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The case API: read, list, agent responses, customer replies and changes. An admin sees only their own
 * tenant's cases (another tenant's case is not found, as if it did not exist); an agent sees all.
 *
 * <p>Every write reads the case, applies the change to what it read and writes it back on the condition
 * that nobody wrote in between. Appends (responses, replies, and changes sent without a {@code version})
 * are re-applied to the fresh case when they lose that race, so concurrent writes are never lost; a
 * change that names the version it was made against is refused as a conflict when that version is stale.
 */
public final class CaseService {
    static final Pattern CASE_ID = Pattern.compile("CS(-[0-9A-Z]{4}){3}");
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_PAGE = 20;

    private final CaseRepository cases;
    private final OrganizationRepository organizations;
    private final CaseSla sla;
    private final CaseOutbox outbox;
    private final Clock clock;
    private final Optional<FirstResponseStats> firstResponses;

    public CaseService(
            CaseRepository cases, OrganizationRepository organizations, CaseSla sla, CaseOutbox outbox, Clock clock) {
        this(cases, organizations, sla, outbox, clock, Optional.empty());
    }

    /** With {@code firstResponses}, every first response is also counted in the expected-wait aggregate. */
    public CaseService(
            CaseRepository cases,
            OrganizationRepository organizations,
            CaseSla sla,
            CaseOutbox outbox,
            Clock clock,
            Optional<FirstResponseStats> firstResponses) {
        this.cases = cases;
        this.organizations = organizations;
        this.sla = sla;
        this.outbox = outbox;
        this.clock = clock;
        this.firstResponses = firstResponses;
    }

    // ------------------------------------------------------------------ reads

    public CaseViews.Detail get(Caller caller, String caseId) {
        return detail(load(caller, caseId), caller);
    }

    /** Query parameters of {@code GET /cases}. */
    public record ListRequest(
            Optional<String> status,
            Optional<String> tenant,
            boolean breachingSoon,
            Optional<String> limit,
            Optional<String> nextToken,
            Optional<String> owner) {

        /** Without the {@code owner} filter. */
        public ListRequest(
                Optional<String> status,
                Optional<String> tenant,
                boolean breachingSoon,
                Optional<String> limit,
                Optional<String> nextToken) {
            this(status, tenant, breachingSoon, limit, nextToken, Optional.empty());
        }
    }

    /** {@code ?owner=}: the caller's own queue, the unassigned queue, or one agent's. */
    public static final String OWNER_ME = "me";

    public static final String OWNER_UNASSIGNED = "unassigned";

    public CaseViews.CaseList list(Caller caller, ListRequest request) {
        caller.require(Role.ADMIN, Role.AGENT);
        Optional<CaseStatus> status = request.status().map(raw -> Validate.oneOf("status", raw, CaseStatus.class));
        int limit = request.limit().map(CaseService::limit).orElse(DEFAULT_PAGE);
        Instant now = clock.instant();
        Optional<Instant> breachingSoonAt = request.breachingSoon() ? Optional.of(now) : Optional.empty();
        CaseQuery query;
        if (caller.has(Role.AGENT) && request.owner().isPresent()) {
            if (request.breachingSoon()) {
                throw Validate.invalid("owner", "ownerWithBreachingSoon");
            }
            Optional<String> tenant = request.tenant().map(t -> Validate.id("tenant", t));
            query = new CaseQuery(
                    tenant,
                    status,
                    Optional.empty(),
                    limit,
                    request.nextToken(),
                    Optional.of(owner(caller, request.owner().get())));
        } else if (caller.has(Role.AGENT)) {
            Optional<String> tenant = request.tenant().map(t -> Validate.id("tenant", t));
            // across tenants, by status; the default is the queue of cases waiting for a first response
            Optional<CaseStatus> scope =
                    tenant.isEmpty() && !request.breachingSoon() ? Optional.of(status.orElse(CaseStatus.OPEN)) : status;
            query = new CaseQuery(tenant, scope, breachingSoonAt, limit, request.nextToken());
        } else {
            String own = caller.adminTenant();
            if (request.tenant().isPresent() && !request.tenant().get().equals(own)) {
                // another organisation does not exist for an admin
                throw Refusal.notFound(
                        Text.of("NOT_FOUND.organisation", "id", request.tenant().get()));
            }
            if (request.breachingSoon()) {
                throw Refusal.forbidden(Text.of("FORBIDDEN.breachingSoon"));
            }
            if (request.owner().isPresent()) {
                throw Refusal.forbidden(Text.of("FORBIDDEN.ownerFilter"));
            }
            query = new CaseQuery(Optional.of(own), status, Optional.empty(), limit, request.nextToken());
        }
        CaseRepository.Page page = cases.list(query);
        boolean agent = caller.has(Role.AGENT);
        List<CaseViews.Summary> rows = new ArrayList<>();
        for (SupportCase c : page.cases()) {
            SlaStatus s = sla.status(c, now);
            SlaStatus.InitialResponse ir = s.initialResponse();
            if (request.breachingSoon() && !(ir.state() == ResponseState.RUNNING && ir.warning())) {
                continue; // the index keys were written under an older policy; the current one says not yet
            }
            rows.add(new CaseViews.Summary(
                    c.caseId(),
                    c.tenantId(),
                    c.category(),
                    c.service(),
                    c.title(),
                    c.severity(),
                    c.status(),
                    c.createdAt(),
                    c.updatedAt(),
                    new CaseViews.ResponseSummary(
                            ir.state(), ir.dueAt(), ir.warning(), ir.remaining().toString()),
                    agent ? c.owner().orElse(null) : null,
                    c.escalationLevel()));
        }
        return new CaseViews.CaseList(rows, page.nextToken().orElse(null));
    }

    // ------------------------------------------------------------------ writes

    public CaseViews.Detail respond(Caller caller, String caseId, CaseChanges.AgentResponse body) {
        caller.require(Role.AGENT);
        CaseChanges.AgentResponse response = body.validated();
        return mutate(caller, caseId, Optional.empty(), current -> {
            SupportCase c = current.supportCase();
            requireActive(c);
            CaseRules.requireRoomForMessage(c.caseId(), current.messages().size());
            Instant now = now(c);
            CaseMessage message =
                    new CaseMessage(newMessageId(), now, caller.subject(), Actor.AGENT, response.message());
            List<CaseEvent> events = new ArrayList<>();
            events.add(CaseEvent.agentResponded(now, caller.subject(), message.messageId()));
            CaseStatus target = response.status() != null
                    ? response.status()
                    : c.status() == CaseStatus.OPEN ? CaseStatus.IN_PROGRESS : c.status();
            if (target != c.status()) {
                CaseTransitions.require(c.caseId(), c.status(), target);
                events.add(CaseEvent.statusChanged(
                        now, caller.subject(), Actor.AGENT, c.status(), target, "agent response"));
            }
            SupportCase next = c.next(now, c.severity(), target, events);
            NotificationRequest notice = NotificationRequest.of(
                    c.caseId() + "#" + next.version(),
                    NotificationType.CASE_RESPONSE,
                    c.tenantId(),
                    c.caseId(),
                    Recipient.caseContact(CaseSubmissionService.channel(c.contact())),
                    c.contact().language(),
                    now);
            Runnable count = c.firstResponseAt().isPresent()
                    ? Mutation.NOTHING
                    : () -> countFirstResponse(c.severity(), c.category(), c.caseId(), c.createdAt(), now);
            List<NotificationRequest> notices = new ArrayList<>(List.of(notice));
            notices.addAll(SatisfactionSurvey.invitation(next, c.status(), target, now));
            return new Mutation(next, Optional.of(message), notices, count);
        });
    }

    /**
     * Runs only after the write that recorded the first response won, so a losing concurrent response
     * never counts; the aggregate's own condition makes a repeat harmless. A failure here loses one sample
     * of a statistic, never the response, so it is logged and not thrown.
     */
    private void countFirstResponse(
            Severity severity, Category category, String caseId, Instant openedAt, Instant respondedAt) {
        firstResponses.ifPresent(stats -> {
            try {
                stats.record(severity, category, caseId, openedAt, respondedAt);
            } catch (RuntimeException e) {
                Log.error("first_response_not_counted", Map.of("case_id", caseId), e);
            }
        });
    }

    public CaseViews.Detail reply(Caller caller, String caseId, CaseChanges.CustomerReply body) {
        if (caller.has(Role.AGENT) || !caller.has(Role.ADMIN)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.replies"));
        }
        CaseChanges.CustomerReply reply = body.validated();
        return mutate(caller, caseId, Optional.empty(), current -> {
            SupportCase c = current.supportCase();
            requireActive(c);
            CaseRules.requireRoomForMessage(c.caseId(), current.messages().size());
            Instant now = now(c);
            CaseMessage message = new CaseMessage(newMessageId(), now, caller.subject(), Actor.ADMIN, reply.message());
            List<CaseEvent> events = new ArrayList<>();
            events.add(CaseEvent.customerReplied(now, caller.subject(), message.messageId()));
            CaseStatus target = c.status();
            if (c.status() == CaseStatus.AWAITING_CUSTOMER) {
                target = CaseStatus.IN_PROGRESS; // the customer answered: the case resumes
                events.add(CaseEvent.statusChanged(
                        now, caller.subject(), Actor.ADMIN, c.status(), target, "customer replied"));
            }
            return new Mutation(c.next(now, c.severity(), target, events), Optional.of(message), List.of());
        });
    }

    public CaseViews.Detail change(Caller caller, String caseId, CaseChanges.Change body) {
        caller.require(Role.ADMIN, Role.AGENT);
        CaseChanges.Change change = body.validated();
        boolean agent = caller.has(Role.AGENT);
        Actor role = agent ? Actor.AGENT : Actor.ADMIN;
        if (agent && change.status() == CaseStatus.CANCELLED) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.cancel"));
        }
        if (!agent && (change.severity() != null || change.status() != CaseStatus.CANCELLED)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.adminChanges"));
        }
        return mutate(caller, caseId, Optional.ofNullable(change.version()), current -> {
            SupportCase c = current.supportCase();
            Instant now = now(c);
            List<CaseEvent> events = new ArrayList<>();
            if (change.severity() != null && change.severity() != c.severity()) {
                requireActive(c);
                Organization organization =
                        organizations.find(c.tenantId()).orElseThrow(() -> CaseRepository.notFound(c.caseId()));
                CaseRules.severity(
                        organization, c.category(), change.severity(), c.businessImpact(), c.contact(), sla.policies());
                events.add(CaseEvent.severityChanged(
                        now, caller.subject(), role, c.severity(), change.severity(), change.reason()));
            }
            CaseStatus target = c.status();
            if (change.status() != null && change.status() != c.status()) {
                if (c.status() == CaseStatus.OPEN && change.status() != CaseStatus.CANCELLED) {
                    // leaving OPEN is what the first response does: a status change must not hide an unanswered case
                    throw Refusal.conflict(
                            "FIRST_RESPONSE_REQUIRED", Text.of("FIRST_RESPONSE_REQUIRED", "caseId", c.caseId()));
                }
                CaseTransitions.require(c.caseId(), c.status(), change.status());
                target = change.status();
                events.add(CaseEvent.statusChanged(now, caller.subject(), role, c.status(), target, change.reason()));
            }
            if (events.isEmpty()) {
                throw Refusal.conflict("NO_CHANGE", Text.of("NO_CHANGE", "caseId", c.caseId()));
            }
            SupportCase next =
                    c.next(now, change.severity() != null ? change.severity() : c.severity(), target, events);
            return new Mutation(next, Optional.empty(), SatisfactionSurvey.invitation(next, c.status(), target, now));
        });
    }

    // ------------------------------------------------------------------ ownership and escalation

    /**
     * {@code POST /cases/{caseId}/take}: the calling agent takes an unassigned active case. Of agents taking the
     * same case at once exactly one wins: each write is conditional on the version read, and a loser re-reads the
     * case, finds it taken and is refused ({@code CASE_ALREADY_TAKEN}). Taking a case one already owns changes
     * nothing and answers the case.
     */
    public CaseViews.Detail take(Caller caller, String caseId) {
        caller.require(Role.AGENT);
        return mutate(caller, caseId, Optional.empty(), current -> {
            SupportCase c = current.supportCase();
            requireActive(c);
            Optional<String> owner = c.owner();
            if (owner.filter(caller.subject()::equals).isPresent()) {
                return Mutation.unchanged(c);
            }
            if (owner.isPresent()) {
                throw Refusal.conflict(
                        "CASE_ALREADY_TAKEN",
                        Text.of("CASE_ALREADY_TAKEN", "caseId", c.caseId(), "owner", owner.get()));
            }
            Instant now = now(c);
            return Mutation.recording(
                    c,
                    now,
                    CaseEvent.ownerAssigned(
                            now, caller.subject(), null, caller.subject(), CaseEvent.Assignment.TAKEN, null));
        });
    }

    /** {@code PUT /cases/{caseId}/owner}: an agent assigns an active case to an agent (themselves included). */
    public CaseViews.Detail assign(Caller caller, String caseId, CaseChanges.Assignment body) {
        caller.require(Role.AGENT);
        CaseChanges.Assignment assignment = body.validated();
        return mutate(caller, caseId, Optional.ofNullable(assignment.version()), current -> {
            SupportCase c = current.supportCase();
            requireActive(c);
            Optional<String> owner = c.owner();
            if (owner.filter(assignment.agentId()::equals).isPresent()) {
                throw Refusal.conflict("NO_CHANGE", Text.of("NO_CHANGE.owner", "caseId", c.caseId()));
            }
            Instant now = now(c);
            return Mutation.recording(
                    c,
                    now,
                    CaseEvent.ownerAssigned(
                            now,
                            caller.subject(),
                            owner.orElse(null),
                            assignment.agentId(),
                            CaseEvent.Assignment.ASSIGNED,
                            assignment.reason()));
        });
    }

    /** {@code POST /cases/{caseId}/escalations}: an agent moves an active case to another level, with a reason. */
    public CaseViews.Detail escalate(Caller caller, String caseId, CaseChanges.Escalation body) {
        caller.require(Role.AGENT);
        CaseChanges.Escalation escalation = body.validated();
        return mutate(caller, caseId, Optional.ofNullable(escalation.version()), current -> {
            SupportCase c = current.supportCase();
            requireActive(c);
            if (c.escalationLevel() == escalation.level()) {
                throw Refusal.conflict(
                        "NO_CHANGE",
                        Text.of(
                                "NO_CHANGE.escalation",
                                "caseId",
                                c.caseId(),
                                "level",
                                escalation.level().name()));
            }
            Instant now = now(c);
            return Mutation.recording(
                    c,
                    now,
                    CaseEvent.escalationChanged(
                            now, caller.subject(), c.escalationLevel(), escalation.level(), escalation.reason()));
        });
    }

    /** The owner filter of a list: {@code me}, {@code unassigned} or an agent's id. */
    private static CaseQuery.Owner owner(Caller caller, String raw) {
        return switch (raw) {
            case OWNER_ME -> CaseQuery.Owner.agent(caller.subject());
            case OWNER_UNASSIGNED -> CaseQuery.Owner.unassigned();
            default -> CaseQuery.Owner.agent(Validate.id("owner", raw));
        };
    }

    /**
     * {@code PUT /cases/{caseId}/satisfaction}: the organisation's administrator rates a resolved case, or
     * changes the rating within the policy's period after the first one. The same rating again writes nothing.
     */
    public SatisfactionSurvey.Answer rate(
            Caller caller, String caseId, SatisfactionSurvey.Rating body, SatisfactionSurvey.Policy policy) {
        if (caller.has(Role.AGENT) || !caller.has(Role.ADMIN)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.rating"));
        }
        SatisfactionSurvey.Rating rating = body.validated();
        CaseViews.Detail written = mutate(caller, caseId, Optional.empty(), current -> {
            SupportCase c = current.supportCase();
            Instant now = now(c);
            Optional<CaseEvent> entry = SatisfactionSurvey.entry(c, rating, caller.subject(), now, policy);
            if (entry.isEmpty()) {
                return Mutation.unchanged(c); // the same rating again: the case as it is answers
            }
            SupportCase next = c.next(now, c.severity(), c.status(), List.of(entry.get()));
            return new Mutation(next, Optional.empty(), List.of(SatisfactionSurvey.rated(next, rating.rating(), now)));
        });
        return SatisfactionSurvey.answer(written.caseId(), written.satisfaction(), policy);
    }

    // ------------------------------------------------------------------ plumbing

    private record Mutation(
            SupportCase next,
            Optional<CaseMessage> message,
            List<NotificationRequest> notifications,
            Runnable afterWrite) {
        static final Runnable NOTHING = () -> {};

        Mutation(SupportCase next, Optional<CaseMessage> message, List<NotificationRequest> notifications) {
            this(next, message, notifications, NOTHING);
        }

        /** One history entry on the case as it stands (severity and status unchanged), nobody notified. */
        static Mutation recording(SupportCase c, Instant at, CaseEvent entry) {
            return new Mutation(c.next(at, c.severity(), c.status(), List.of(entry)), Optional.empty(), List.of());
        }

        /** Nothing to write: the case already is what the request asks for. */
        static Mutation unchanged(SupportCase current) {
            return new Mutation(current, Optional.empty(), List.of());
        }
    }

    private CaseViews.Detail mutate(
            Caller caller, String caseId, Optional<Long> expectedVersion, Function<StoredCase, Mutation> change) {
        return ConflictRetry.DEFAULT
                .run(() -> {
                    StoredCase current = load(caller, caseId);
                    if (expectedVersion.isPresent()
                            && expectedVersion.get() != current.supportCase().version()) {
                        throw stale(caseId);
                    }
                    Mutation mutation = change.apply(current);
                    if (mutation.next() == current.supportCase()) {
                        return Optional.of(detail(current, caller));
                    }
                    mutation.message().ifPresent(m -> cases.putMessage(caseId, m));
                    Map<String, NotificationRequest> pending = new LinkedHashMap<>(current.outbox());
                    mutation.notifications().forEach(n -> pending.put(n.notificationId(), n));
                    if (!cases.update(mutation.next(), pending)) {
                        mutation.message().ifPresent(m -> cases.deleteMessage(caseId, m));
                        if (expectedVersion.isPresent()) {
                            throw stale(caseId);
                        }
                        return Optional.<CaseViews.Detail>empty();
                    }
                    outbox.publish(caseId, mutation.notifications());
                    mutation.afterWrite().run();
                    List<CaseMessage> messages = new ArrayList<>(current.messages());
                    mutation.message().ifPresent(messages::add);
                    return Optional.of(detail(new StoredCase(mutation.next(), messages, Map.of()), caller));
                })
                .orElseThrow(() -> stale(caseId));
    }

    private static Refusal stale(String caseId) {
        return Refusal.conflict("VERSION_CONFLICT", Text.of("VERSION_CONFLICT.case", "id", caseId));
    }

    /** The case if the caller may see it; not found otherwise (another tenant's case does not exist for an admin). */
    private StoredCase load(Caller caller, String caseId) {
        caller.require(Role.ADMIN, Role.AGENT);
        if (caseId == null || !CASE_ID.matcher(caseId).matches()) {
            throw CaseRepository.notFound(String.valueOf(caseId));
        }
        StoredCase found = cases.find(caseId).orElseThrow(() -> CaseRepository.notFound(caseId));
        if (!caller.has(Role.AGENT) && !caller.isAdminOf(found.supportCase().tenantId())) {
            throw CaseRepository.notFound(caseId);
        }
        return found;
    }

    private static void requireActive(SupportCase c) {
        if (!CaseTransitions.isActive(c.status())) {
            throw Refusal.conflict(
                    "CASE_FINISHED",
                    Text.of(
                            "CASE_FINISHED",
                            "caseId",
                            c.caseId(),
                            "status",
                            c.status().name()));
        }
    }

    /** Now, but never before the case's last entry: history stays in order even if clocks disagree a little. */
    private Instant now(SupportCase c) {
        Instant now = clock.instant();
        return c.updatedAt() != null && c.updatedAt().isAfter(now) ? c.updatedAt() : now;
    }

    private static String newMessageId() {
        return "MSG-" + UUID.randomUUID();
    }

    /**
     * The case as {@code caller} sees it. An administrator sees the escalation level, not who owns the case nor
     * the agents' routing entries (owner changes, escalations and their reasons are the desk's own notes;
     * decision 0014).
     */
    private CaseViews.Detail detail(StoredCase stored, Caller caller) {
        SupportCase c = stored.supportCase();
        boolean agent = caller.has(Role.AGENT);
        Map<String, String> texts = new LinkedHashMap<>();
        stored.messages().forEach(m -> texts.put(m.messageId(), m.text()));
        List<CaseViews.HistoryEntry> history = c.history().stream()
                .filter(e -> agent || !CaseViews.AGENTS_ONLY.contains(e.type()))
                .map(e -> new CaseViews.HistoryEntry(
                        e.type(),
                        e.at(),
                        e.by(),
                        e.role(),
                        e.reason(),
                        e.severity(),
                        e.status(),
                        e.from(),
                        e.messageId() == null ? null : texts.get(e.messageId()),
                        e.details().isEmpty() ? null : e.details()))
                .toList();
        return new CaseViews.Detail(
                c.caseId(),
                c.tenantId(),
                c.category(),
                c.service(),
                c.title(),
                c.description(),
                c.severity(),
                c.businessImpact(),
                c.contact(),
                c.status(),
                c.incidentIds(),
                c.openedVia(),
                c.suggestionsShown(),
                c.version(),
                c.createdAt(),
                c.createdBy(),
                c.updatedAt(),
                sla.view(c, clock.instant()),
                history,
                agent ? c.owner().orElse(null) : null,
                c.escalationLevel(),
                SatisfactionSurvey.of(c).orElse(null));
    }

    private static int limit(String raw) {
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw Validate.invalid("limit", "limit", "max", MAX_PAGE);
    }
}
