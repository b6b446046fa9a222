package com.supportdesk.sla;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A fact from a case's recorded history that SLA clocks depend on. Clocks are never stored: they are
 * recomputed from these facts and the current policy, which is how a changed calendar, holiday list
 * or target reaches cases that are already open.
 */
public sealed interface TimelineEvent {

    /** When it happened. */
    Instant at();

    static Submitted submitted(Instant at, Severity severity, Category category) {
        return new Submitted(at, severity, category);
    }

    static SeverityChanged severityChanged(Instant at, Severity severity, String reason) {
        return new SeverityChanged(at, severity, reason);
    }

    static StatusChanged statusChanged(Instant at, CaseStatus status) {
        return new StatusChanged(at, status);
    }

    /** An agent answered the customer; the first one stops the initial-response clock. */
    static AgentResponded agentResponded(Instant at) {
        return new AgentResponded(at);
    }

    /** Same as {@code statusChanged(at, RESOLVED)}. */
    static StatusChanged resolved(Instant at) {
        return new StatusChanged(at, CaseStatus.RESOLVED);
    }

    /** The case was opened; starts the initial-response clock. Must be the first event. */
    record Submitted(Instant at, Severity severity, Category category) implements TimelineEvent {
        public Submitted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(category, "category");
        }
    }

    record SeverityChanged(Instant at, Severity severity, String reason) implements TimelineEvent {
        public SeverityChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record StatusChanged(Instant at, CaseStatus status) implements TimelineEvent {
        public StatusChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
        }
    }

    record AgentResponded(Instant at) implements TimelineEvent {
        public AgentResponded {
            Objects.requireNonNull(at, "at");
        }
    }
}
