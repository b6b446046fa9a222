package com.supportdesk.cases;

import com.supportdesk.model.Severity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the desk must record on a case on its own because a clock reached it: the SLA sweep's
 * work, found by {@link CaseChecks}. Its identity is the case, the {@link #type()} and the
 * {@link #dueAt()} instant it is about; the sweep records each identity once.
 */
public sealed interface DueEvent {

    /** The history entry that records it. */
    CaseEventType type();

    /** The due instant it is about: the response or follow-up due time, the downgrade or the closing time. */
    Instant dueAt();

    /** The initial-response clock reached its warning share or time and is still running. */
    record Warning(Severity severity, Instant warningAt, Instant dueAt) implements DueEvent {
        public Warning {
            Objects.requireNonNull(warningAt, "warningAt");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public CaseEventType type() {
            return CaseEventType.SLA_WARNING;
        }
    }

    /**
     * The initial-response due time passed without a first response.
     *
     * @param stoppedAt the late response (or resolution) when the clock stopped before the sweep saw the breach
     */
    record Breach(Severity severity, Instant dueAt, Optional<Instant> stoppedAt) implements DueEvent {
        public Breach {
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(stoppedAt, "stoppedAt");
        }

        @Override
        public CaseEventType type() {
            return CaseEventType.SLA_BREACHED;
        }

        /** Whether the case is still waiting for its first response (rather than answered late). */
        public boolean unanswered() {
            return stoppedAt.isEmpty();
        }
    }

    /** A follow-up cycle (severity A) ended without an agent update. */
    record FollowUpOverdue(Severity severity, Instant cycleStart, Instant dueAt) implements DueEvent {
        public FollowUpOverdue {
            Objects.requireNonNull(cycleStart, "cycleStart");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public CaseEventType type() {
            return CaseEventType.FOLLOW_UP_OVERDUE;
        }
    }

    /** The case will drop from {@code from} to {@code to} at {@code dueAt} unless the customer replies. */
    record DowngradeNotice(Severity from, Severity to, Instant waitingSince, Instant dueAt) implements DueEvent {
        public DowngradeNotice {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public CaseEventType type() {
            return CaseEventType.DOWNGRADE_NOTICE;
        }
    }

    /** The case waited for the customer past the policy's threshold: it drops one severity (seed footnote 1). */
    record Downgrade(Severity from, Severity to, Instant waitingSince, Instant dueAt) implements DueEvent {
        public Downgrade {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public CaseEventType type() {
            return CaseEventType.SEVERITY_DOWNGRADED;
        }
    }

    /** A resolved case had no customer reply for the policy's period: it is closed. */
    record AutoClose(Instant resolvedAt, Instant dueAt) implements DueEvent {
        public AutoClose {
            Objects.requireNonNull(resolvedAt, "resolvedAt");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public CaseEventType type() {
            return CaseEventType.AUTO_CLOSED;
        }
    }
}
