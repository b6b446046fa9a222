package com.supportdesk.notifications.requests;

/**
 * What a notification request asks the dispatcher to tell someone. Each type has one message template
 * per language and channel; the dispatcher refuses a type it has no template for (it goes to the DLQ).
 */
public enum NotificationType {
    /** A case was opened: tell the admin, by their preferred method. */
    CASE_ACKNOWLEDGEMENT,
    /** An agent responded on a case: tell the admin. */
    CASE_RESPONSE,
    /** The initial-response clock reached its warning share: tell the support queue (and on-call for A). */
    SLA_WARNING,
    /** The initial response is overdue: tell the admin, the support queue, and page on-call for A. */
    SLA_BREACH,
    /** A severity-A case went longer than its follow-up cadence without an agent update: tell support and on-call. */
    FOLLOW_UP_OVERDUE,
    /** A case waiting for the customer will drop one severity soon unless they reply: tell the admin. */
    DOWNGRADE_NOTICE,
    /** A case waiting for the customer dropped one severity: tell the admin. */
    SEVERITY_DOWNGRADED,
    /** A resolved case with no customer reply was closed: tell the admin. */
    CASE_AUTO_CLOSED,
    /** A phone caller was verified for the organisation: tell every registered contact. */
    VERIFICATION_SUCCEEDED,
    /** A registered contact was suspended after repeated failed codes: tell every registered contact. */
    CONTACT_SUSPENDED,
    /** A case was resolved: invite the admin (the case contact) to rate it from 1 to 5. */
    SATISFACTION_SURVEY,
    /** The admin rated a case or changed the rating: tell the support queue (the score, never the comment). */
    SATISFACTION_RATED
}
