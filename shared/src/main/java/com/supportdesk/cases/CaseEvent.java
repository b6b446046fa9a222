package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a case's history: what happened, when, who did it (token subject and role) and why.
 * The SLA clocks are never stored; they are recomputed from these entries (see {@link CaseSla}).
 *
 * @param severity  the severity after the event (SUBMITTED, SEVERITY_CHANGED)
 * @param status    the status after the event (SUBMITTED, STATUS_CHANGED)
 * @param from      the previous severity or status, for changes
 * @param messageId the message item holding the text of a response or reply
 * @param details   what an entry of the desk's own (the SLA sweep) records beyond its reason, as text:
 *                  {@code dueAt}, the due instant the entry is about (with the type, what makes it unique),
 *                  {@code notified}, who was told, and the clocks after it; for {@link CaseEventType#OWNER_ASSIGNED}
 *                  {@code owner} and {@code how}, for {@link CaseEventType#ESCALATION_CHANGED} {@code level};
 *                  empty for other entries
 */
public record CaseEvent(
        CaseEventType type,
        Instant at,
        String by,
        Actor role,
        String reason,
        Severity severity,
        CaseStatus status,
        String from,
        String messageId,
        Map<String, String> details) {

    public CaseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** An entry without details: every entry made by a person. */
    public CaseEvent(
            CaseEventType type,
            Instant at,
            String by,
            Actor role,
            String reason,
            Severity severity,
            CaseStatus status,
            String from,
            String messageId) {
        this(type, at, by, role, reason, severity, status, from, messageId, Map.of());
    }

    static CaseEvent submitted(Instant at, String by, Actor role, Severity severity, String reason) {
        return new CaseEvent(CaseEventType.SUBMITTED, at, by, role, reason, severity, CaseStatus.OPEN, null, null);
    }

    static CaseEvent severityChanged(Instant at, String by, Actor role, Severity from, Severity to, String reason) {
        return new CaseEvent(CaseEventType.SEVERITY_CHANGED, at, by, role, reason, to, null, from.name(), null);
    }

    static CaseEvent statusChanged(Instant at, String by, Actor role, CaseStatus from, CaseStatus to, String reason) {
        return new CaseEvent(CaseEventType.STATUS_CHANGED, at, by, role, reason, null, to, from.name(), null);
    }

    static CaseEvent agentResponded(Instant at, String by, String messageId) {
        return new CaseEvent(CaseEventType.AGENT_RESPONDED, at, by, Actor.AGENT, null, null, null, null, messageId);
    }

    /** Detail keys of the agents' routing entries. */
    public static final String OWNER = "owner";

    public static final String HOW = "how";
    public static final String LEVEL = "level";

    /** {@code how}: an agent took an unassigned case for themselves, or assigned it to an agent. */
    public enum Assignment {
        TAKEN,
        ASSIGNED
    }

    static CaseEvent ownerAssigned(
            Instant at, String by, String previousOwner, String owner, Assignment how, String reason) {
        return new CaseEvent(
                CaseEventType.OWNER_ASSIGNED,
                at,
                by,
                Actor.AGENT,
                reason,
                null,
                null,
                previousOwner,
                null,
                Map.of(OWNER, owner, HOW, how.name()));
    }

    static CaseEvent escalationChanged(Instant at, String by, EscalationLevel from, EscalationLevel to, String reason) {
        return new CaseEvent(
                CaseEventType.ESCALATION_CHANGED,
                at,
                by,
                Actor.AGENT,
                reason,
                null,
                null,
                from.name(),
                null,
                Map.of(LEVEL, to.name()));
    }

    static CaseEvent customerReplied(Instant at, String by, String messageId) {
        return new CaseEvent(CaseEventType.CUSTOMER_REPLIED, at, by, Actor.ADMIN, null, null, null, null, messageId);
    }
}
