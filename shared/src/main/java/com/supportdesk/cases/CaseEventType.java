package com.supportdesk.cases;

/**
 * What a history entry records. A resolution is a {@link #STATUS_CHANGED} to RESOLVED. The entries from
 * {@link #SLA_WARNING} to {@link #NOTIFICATION_UNDELIVERABLE} are written by the SLA sweep ({@link Actor#SYSTEM})
 * or the notification dispatcher; {@link #OWNER_ASSIGNED} and {@link #ESCALATION_CHANGED} by agents. None of
 * the agents' routing entries moves an SLA clock.
 */
public enum CaseEventType {
    SUBMITTED,
    SEVERITY_CHANGED,
    STATUS_CHANGED,
    AGENT_RESPONDED,
    CUSTOMER_REPLIED,
    /** The initial-response clock reached its warning share. */
    SLA_WARNING,
    /** The initial-response due time passed without a response. */
    SLA_BREACHED,
    /** A follow-up (severity A) went past its cadence without an agent update. */
    FOLLOW_UP_OVERDUE,
    /** The admin was told that the case will drop a severity unless they reply. */
    DOWNGRADE_NOTICE,
    /** The case dropped one severity after waiting for the customer too long (seed footnote 1). */
    SEVERITY_DOWNGRADED,
    /** A resolved case with no customer reply was closed. */
    AUTO_CLOSED,
    /** A notification could not be delivered to the case's contact and will not be retried. */
    NOTIFICATION_UNDELIVERABLE,
    /**
     * An agent took the case, or assigned it to an agent: {@code details.owner} is the new owner, {@code from}
     * the previous one (absent when it had none), {@code details.how} {@code TAKEN} or {@code ASSIGNED}.
     */
    OWNER_ASSIGNED,
    /** The case moved to another {@link EscalationLevel}: {@code details.level}, {@code from} the previous one. */
    ESCALATION_CHANGED,
    /** The organisation's administrator rated a resolved case (1–5, optional comment); a later entry changes it. */
    SATISFACTION_RATED
}
