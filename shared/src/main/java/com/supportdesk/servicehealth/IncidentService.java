package com.supportdesk.servicehealth;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.ids.Ids;
import com.supportdesk.model.ServiceName;
import com.supportdesk.refusal.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Operators open and resolve incidents; admins, agents and operators read the active ones. */
public final class IncidentService {
    private final IncidentRepository repository;
    private final Clock clock;
    private final IncidentHistory history;

    private final ResolvedToken tokens;

    /**
     * @param tokenKey the key that seals the history's {@code nextToken} (the page-token key), asked for on the
     *                 first token sealed or opened
     */
    public IncidentService(
            IncidentRepository repository, Clock clock, IncidentHistory history, Supplier<byte[]> tokenKey) {
        this.repository = repository;
        this.clock = clock;
        this.history = history;
        this.tokens = new ResolvedToken(tokenKey);
    }

    public List<Incident> active(Caller caller, Optional<ServiceName> service) {
        caller.require(Role.ADMIN, Role.AGENT, Role.OPERATOR);
        return repository.active(service);
    }

    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    /** A page of resolved incidents, newest resolution first, within the history period. */
    public record ResolvedPage(List<Incident> incidents, String nextToken, int historyDays) {}

    public ResolvedPage resolved(
            Caller caller, Optional<ServiceName> service, Optional<String> limit, Optional<String> nextToken) {
        caller.require(Role.ADMIN, Role.AGENT, Role.OPERATOR);
        int size = limit.map(IncidentService::limit).orElse(DEFAULT_PAGE);
        Instant now = clock.instant();
        IncidentRepository.Page page = repository.resolved(
                history.since(now), history.until(now), service, size, nextToken.map(tokens::decode));
        return new ResolvedPage(
                page.incidents(), page.next().map(tokens::encode).orElse(null), history.days());
    }

    public Incident open(Caller caller, NewIncident body) {
        caller.require(Role.OPERATOR);
        Instant now = clock.instant();
        NewIncident request = body.validated(now);
        Incident incident = new Incident(
                Ids.next("INC", 2),
                request.service(),
                request.title(),
                request.description(),
                IncidentStatus.ACTIVE,
                request.startedAt() == null ? now : request.startedAt(),
                null,
                1,
                now,
                caller.subject());
        if (!repository.save(incident)) {
            // a fresh random id collided with an existing one: astronomically rare, and safe to report
            throw Refusal.conflict("ID_COLLISION");
        }
        return incident;
    }

    public Incident change(Caller caller, String incidentId, IncidentChange body) {
        caller.require(Role.OPERATOR);
        Validate.text("incidentId", incidentId, 64);
        IncidentChange change = body.validated(clock.instant());
        Incident current = repository
                .find(incidentId)
                .orElseThrow(() -> Refusal.notFound(Text.of("NOT_FOUND.incident", "id", incidentId)));
        if (current.version() != change.version()) {
            throw staleVersion(incidentId);
        }
        Instant now = clock.instant();
        IncidentStatus status = change.status() == null ? current.status() : change.status();
        Instant resolvedAt =
                switch (status) {
                    case ACTIVE -> null;
                    case RESOLVED ->
                        change.resolvedAt() != null
                                ? change.resolvedAt()
                                : current.resolvedAt() != null ? current.resolvedAt() : now;
                };
        if (resolvedAt != null && resolvedAt.isBefore(current.startedAt())) {
            throw Validate.invalid("resolvedAt", "resolvedBeforeStart");
        }
        List<IncidentUpdate> updates = new ArrayList<>(current.updates());
        if (change.message() != null) {
            if (updates.size() >= Incident.MAX_UPDATES) {
                throw Refusal.conflict(
                        "TOO_MANY_UPDATES", Text.of("TOO_MANY_UPDATES", "id", incidentId, "max", Incident.MAX_UPDATES));
            }
            updates.add(new IncidentUpdate(now, status, change.message(), caller.subject()));
        }
        Incident updated = new Incident(
                current.incidentId(),
                current.service(),
                change.title() == null ? current.title() : change.title(),
                change.description() == null ? current.description() : change.description(),
                status,
                current.startedAt(),
                resolvedAt,
                current.version() + 1,
                now,
                caller.subject(),
                updates);
        if (!repository.save(updated)) {
            throw staleVersion(incidentId);
        }
        return updated;
    }

    private static Refusal staleVersion(String incidentId) {
        return Refusal.conflict("VERSION_CONFLICT", Text.of("VERSION_CONFLICT.incident", "id", incidentId));
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
