package com.supportdesk.notifications.templates;

import static com.supportdesk.notifications.requests.NotificationDetails.DOWNGRADE_AT;
import static com.supportdesk.notifications.requests.NotificationDetails.DUE_AT;
import static com.supportdesk.notifications.requests.NotificationDetails.FROM_SEVERITY;
import static com.supportdesk.notifications.requests.NotificationDetails.GRANT_EXPIRES_AT;
import static com.supportdesk.notifications.requests.NotificationDetails.MASKED_CONTACT;
import static com.supportdesk.notifications.requests.NotificationDetails.MASKED_DESTINATION;
import static com.supportdesk.notifications.requests.NotificationDetails.METHOD;
import static com.supportdesk.notifications.requests.NotificationDetails.REASON;
import static com.supportdesk.notifications.requests.NotificationDetails.SEVERITY;
import static com.supportdesk.notifications.requests.NotificationDetails.SUSPENDED_UNTIL;
import static com.supportdesk.notifications.requests.NotificationDetails.TO_SEVERITY;

import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.delivery.VerificationMessages;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values a template may use, for one request, one language and one recipient: a flat map of strings
 * and booleans in which every name of {@link #NAMES} is always present (an empty string when there is
 * nothing to say, which a template tests with {@code {{#name}}…{{/name}}}). Times are written in the
 * support zone in the reader's language; {@code …Utc} names hold the ISO instant for the agents.
 */
public final class MessageModel {
    /** Every name a template may use. */
    public static final Set<String> NAMES = Set.of(
            "caseId",
            "caseTitle",
            "casePath",
            "tenantId",
            "organization",
            "organizationSentence",
            "contactName",
            "category",
            "service",
            "caseStatus",
            "severity",
            "severityLabel",
            "severityA",
            "fromSeverity",
            "fromSeverityLabel",
            "fromSeverityA",
            "toSeverity",
            "toSeverityLabel",
            "dueAt",
            "dueAtUtc",
            "downgradeAt",
            "downgradeAtUtc",
            "occurredAt",
            "occurredAtUtc",
            "reason",
            "responseText",
            "registeredNumber",
            "maskedDestination",
            "grantExpiresAt",
            "maskedContact",
            "suspendedUntil",
            "onCall");

    private final Map<String, Object> values;

    private MessageModel(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param facts        the case the request is about, when it has one
     * @param organization the organisation's name, when the message names it
     * @param onCall       whether the message pages the on-call engineer
     */
    public static MessageModel of(
            NotificationRequest request,
            Language language,
            ZoneId zone,
            Optional<CaseFacts> facts,
            Optional<String> organization,
            boolean onCall) {
        Map<String, String> details = request.details();
        Map<String, Object> v = new LinkedHashMap<>();
        String caseId = request.caseId() != null
                ? request.caseId()
                : facts.map(CaseFacts::caseId).orElse("");
        v.put("caseId", caseId);
        v.put("caseTitle", facts.map(CaseFacts::title).orElse(""));
        v.put("casePath", caseId.isEmpty() ? "" : "/cases/" + caseId);
        v.put("tenantId", request.tenantId());
        v.put("organization", organization.orElse(""));
        // the name closing a sentence, without a second stop after "Contoso Ltd."
        v.put("organizationSentence", VerificationMessages.endSentence(organization.orElse(""), "."));
        v.put("contactName", facts.map(CaseFacts::contactName).orElse(""));
        v.put("category", facts.map(CaseFacts::category).orElse(""));
        v.put("service", facts.map(CaseFacts::service).orElse(""));
        v.put("caseStatus", facts.map(CaseFacts::status).orElse(""));

        Optional<Severity> current = facts.map(CaseFacts::severity);
        Optional<Severity> severity = severity(details.get(SEVERITY)).or(() -> current);
        putSeverity(v, "severity", severity, language);
        v.put("severityA", severity.map(s -> s == Severity.A).orElse(false));

        Optional<Severity> from = severity(details.get(FROM_SEVERITY));
        Optional<Severity> to = severity(details.get(TO_SEVERITY));
        if (request.type() == NotificationType.DOWNGRADE_NOTICE) {
            from = from.or(() -> current);
            Optional<Severity> f = from;
            to = to.or(() -> facts.flatMap(CaseFacts::downgradeTo)).or(() -> f.flatMap(Severity::lower));
        } else if (request.type() == NotificationType.SEVERITY_DOWNGRADED) {
            to = to.or(() -> current);
            Optional<Severity> t = to;
            from = from.or(() -> t.flatMap(MessageModel::higher));
        }
        putSeverity(v, "fromSeverity", from, language);
        v.put("fromSeverityA", from.map(s -> s == Severity.A).orElse(false));
        putSeverity(v, "toSeverity", to, language);

        Optional<Instant> due = instant(details.get(DUE_AT))
                .or(() -> request.type() == NotificationType.FOLLOW_UP_OVERDUE
                        ? facts.flatMap(CaseFacts::followUpDue)
                        : facts.flatMap(CaseFacts::initialResponseDue));
        putTime(v, "dueAt", due, language, zone);
        putTime(
                v,
                "downgradeAt",
                instant(details.get(DOWNGRADE_AT)).or(() -> facts.flatMap(CaseFacts::downgradeDue)),
                language,
                zone);
        putTime(v, "occurredAt", Optional.ofNullable(request.occurredAt()), language, zone);

        v.put("reason", text(details.get(REASON)));
        v.put("responseText", facts.flatMap(CaseFacts::latestResponse).orElse(""));
        v.put("registeredNumber", "REGISTERED_NUMBER".equals(details.get(METHOD)));
        v.put("maskedDestination", text(details.get(MASKED_DESTINATION)));
        v.put("grantExpiresAt", time(instant(details.get(GRANT_EXPIRES_AT)), language, zone));
        v.put("maskedContact", text(details.get(MASKED_CONTACT)));
        v.put("suspendedUntil", time(instant(details.get(SUSPENDED_UNTIL)), language, zone));
        v.put("onCall", onCall);
        if (!v.keySet().equals(NAMES)) {
            throw new IllegalStateException("The message model and its NAMES disagree");
        }
        return new MessageModel(v);
    }

    /** The values, for the template engine. */
    Map<String, Object> values() {
        return values;
    }

    /** One value as text (booleans as {@code true}/{@code false}). */
    public String get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No model value " + name);
        }
        return value.toString();
    }

    private static void putSeverity(Map<String, Object> v, String name, Optional<Severity> s, Language language) {
        v.put(name, s.map(Severity::name).orElse(""));
        v.put(
                name + "Label",
                s.map(value -> SeverityLabels.label(value.name(), language)).orElse(""));
    }

    private static void putTime(
            Map<String, Object> v, String name, Optional<Instant> at, Language language, ZoneId zone) {
        v.put(name, time(at, language, zone));
        v.put(name + "Utc", at.map(Instant::toString).orElse(""));
    }

    private static String time(Optional<Instant> at, Language language, ZoneId zone) {
        return at.map(i -> SupportTime.format(i, language, zone)).orElse("");
    }

    /** A detail that is not a severity counts as absent: the message then says less, but goes out. */
    private static Optional<Severity> severity(String value) {
        if (value == null) {
            return Optional.empty();
        }
        // severities are the ASCII letters A, B, C: compare exactly, no case mapping
        String letter = value.strip();
        for (Severity s : Severity.values()) {
            if (s.name().equals(letter)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Optional<Severity> higher(Severity s) {
        return s == Severity.A ? Optional.empty() : Optional.of(Severity.values()[s.ordinal() - 1]);
    }

    /** A detail that is not an ISO instant counts as absent. */
    private static Optional<Instant> instant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public String toString() {
        return "MessageModel[redacted]";
    }
}
