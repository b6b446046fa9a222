package com.supportdesk.notifications.requests;

/**
 * The keys of {@link NotificationRequest#details()} the dispatcher's templates read: the one place where
 * producers (the case functions, the SLA sweep, PIN verification) and the dispatcher agree on them.
 *
 * <p>Every detail is optional. A missing one is taken from the case where the case has it (its severity,
 * its initial-response due time, the downgrade due time), and otherwise the sentence that needs it is left
 * out of the message; nothing fails for want of a detail. Instants are ISO-8601 ({@code Instant.toString()});
 * severities are {@code A}, {@code B} or {@code C}. Details reach everyone the message reaches, so they
 * never hold an address, a code, a token or a grant id.
 *
 * <table>
 *   <caption>Which type reads which detail</caption>
 *   <tr><th>type</th><th>details</th></tr>
 *   <tr><td>CASE_ACKNOWLEDGEMENT, CASE_RESPONSE</td><td>none (the due time comes from the case)</td></tr>
 *   <tr><td>SLA_WARNING, SLA_BREACH</td><td>{@link #SEVERITY}, {@link #DUE_AT} (initial response), {@link #REASON}</td></tr>
 *   <tr><td>FOLLOW_UP_OVERDUE</td><td>{@link #SEVERITY}, {@link #DUE_AT} (the follow-up), {@link #REASON}</td></tr>
 *   <tr><td>DOWNGRADE_NOTICE</td><td>{@link #FROM_SEVERITY}, {@link #TO_SEVERITY}, {@link #DOWNGRADE_AT}</td></tr>
 *   <tr><td>SEVERITY_DOWNGRADED</td><td>{@link #FROM_SEVERITY}, {@link #TO_SEVERITY}</td></tr>
 *   <tr><td>CASE_AUTO_CLOSED</td><td>none</td></tr>
 *   <tr><td>VERIFICATION_SUCCEEDED</td><td>{@link #METHOD}, {@link #MASKED_DESTINATION}, {@link #GRANT_EXPIRES_AT}</td></tr>
 *   <tr><td>CONTACT_SUSPENDED</td><td>{@link #MASKED_CONTACT}, {@link #SUSPENDED_UNTIL}</td></tr>
 * </table>
 */
public final class NotificationDetails {
    /** The case's severity when the event happened ({@code A}, {@code B}, {@code C}); default: the case's. */
    public static final String SEVERITY = "severity";
    /** The severity before a downgrade; default: the case's current severity (DOWNGRADE_NOTICE). */
    public static final String FROM_SEVERITY = "fromSeverity";
    /** The severity after a downgrade; default: one below {@link #FROM_SEVERITY}. */
    public static final String TO_SEVERITY = "toSeverity";
    /** The due time the event is about (an instant); default: the case's clock of that kind. */
    public static final String DUE_AT = "dueAt";
    /** When a waiting case will be downgraded unless the customer replies (an instant). */
    public static final String DOWNGRADE_AT = "downgradeAt";
    /**
     * Why, in a few English words, for the agents' messages only (customers get their own language's
     * explanation from the template). Never anything the customer wrote.
     */
    public static final String REASON = "reason";
    /** How a phone caller was verified: a {@code VerificationMethod} name ({@code REGISTERED_NUMBER}, {@code CODE}). */
    public static final String METHOD = "method";
    /** Where the code went, masked as the agent saw it ({@code j***@contoso.com}); for method CODE. */
    public static final String MASKED_DESTINATION = "maskedDestination";
    /** Until when the agent may act for the organisation (an instant). */
    public static final String GRANT_EXPIRES_AT = "grantExpiresAt";
    /** The suspended contact, masked. */
    public static final String MASKED_CONTACT = "maskedContact";
    /** When the suspension ends (an instant). */
    public static final String SUSPENDED_UNTIL = "suspendedUntil";

    private NotificationDetails() {}
}
