package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a case's history: what happened, when, who did it (token subject and role) and why.
 * The SLA clocks are never stored; they are recomputed from these entries (see {@link CaseSla}).
 *
 * @param severity  the severity after the event (SUBMITTED, SEVERITY_CHANGED)
 * @param status    the status after the event (SUBMITTED, STATUS_CHANGED)
 * @param from      the previous severity or status, for changes
 * @param messageId the message item holding the text of a response or reply
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
        String messageId) {

    public CaseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
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

    static CaseEvent customerReplied(Instant at, String by, String messageId) {
        return new CaseEvent(CaseEventType.CUSTOMER_REPLIED, at, by, Actor.ADMIN, null, null, null, null, messageId);
    }
}
