package com.supportdesk.servicehealth;

import com.supportdesk.api.Validate;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.ids.Ids;
import com.supportdesk.model.ServiceName;
import com.supportdesk.refusal.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Operators open and resolve incidents; admins, agents and operators read the active ones. */
public final class IncidentService {
    private final IncidentRepository repository;
    private final Clock clock;

    public IncidentService(IncidentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public List<Incident> active(Caller caller, Optional<ServiceName> service) {
        caller.require(Role.ADMIN, Role.AGENT, Role.OPERATOR);
        return repository.active(service);
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
            throw Refusal.conflict("ID_COLLISION", "Please retry.");
        }
        return incident;
    }

    public Incident change(Caller caller, String incidentId, IncidentChange body) {
        caller.require(Role.OPERATOR);
        Validate.text("incidentId", incidentId, 64);
        IncidentChange change = body.validated(clock.instant());
        Incident current = repository.find(incidentId).orElseThrow(() -> Refusal.notFound("Incident " + incidentId));
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
            throw Validate.invalid("resolvedAt", "is before the incident started");
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
                caller.subject());
        if (!repository.save(updated)) {
            throw staleVersion(incidentId);
        }
        return updated;
    }

    private static Refusal staleVersion(String incidentId) {
        return Refusal.conflict(
                "VERSION_CONFLICT",
                "Incident " + incidentId + " was changed by someone else; read it again and retry.");
    }
}
