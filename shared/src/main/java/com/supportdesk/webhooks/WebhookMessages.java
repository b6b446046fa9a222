package com.supportdesk.webhooks;

import com.supportdesk.i18n.Messages;
import com.supportdesk.model.Language;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.templates.MessageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link WebhookEvent} of a request from the same message model the email templates use (times
 * in the support zone, severity labels in the reader's language) and the {@code webhook} message bundle
 * ({@code i18n/webhook_<language>.properties}).
 */
public final class WebhookMessages {
    private static final Messages TEXTS = Messages.load("webhook");

    private WebhookMessages() {}

    /**
     * @param eventId  the request's event (its id without a recipient suffix)
     * @param model    rendered for {@code language}, with the case's facts when the request has a case
     */
    public static WebhookEvent event(
            String eventId, NotificationRequest request, Language language, MessageModel model) {
        NotificationType type = request.type();
        Map<String, String> params = Map.of("caseId", model.get("caseId"), "casePath", model.get("casePath"));
        List<WebhookEvent.Line> lines = new ArrayList<>();
        line(lines, language, "caseTitle", model.get("caseTitle"));
        switch (type) {
            case DOWNGRADE_NOTICE, SEVERITY_DOWNGRADED ->
                line(
                        lines,
                        language,
                        "severityChange",
                        model.get("fromSeverityLabel").isEmpty()
                                ? ""
                                : model.get("fromSeverityLabel") + " → " + model.get("toSeverityLabel"));
            default -> line(lines, language, "severity", model.get("severityLabel"));
        }
        line(lines, language, "status", model.get("caseStatus"));
        switch (type) {
            case CASE_ACKNOWLEDGEMENT, SLA_WARNING, SLA_BREACH -> line(lines, language, "dueAt", model.get("dueAt"));
            case FOLLOW_UP_OVERDUE -> line(lines, language, "followUpDueAt", model.get("dueAt"));
            case DOWNGRADE_NOTICE -> line(lines, language, "downgradeAt", model.get("downgradeAt"));
            default -> {}
        }
        line(lines, language, "occurredAt", model.get("occurredAt"));
        WebhookEvent.Text text = new WebhookEvent.Text(
                TEXTS.text(language, "title." + type.name(), params),
                lines,
                model.get("casePath").isEmpty() ? "" : TEXTS.text(language, "footer", params));
        Map<String, String> facts = new LinkedHashMap<>();
        put(facts, "caseId", model.get("caseId"));
        put(facts, "title", model.get("caseTitle"));
        put(facts, "severity", model.get("severity"));
        put(facts, "status", model.get("caseStatus"));
        put(facts, "category", model.get("category"));
        put(facts, "service", model.get("service"));
        put(facts, "dueAt", model.get("dueAtUtc"));
        return new WebhookEvent(
                eventId,
                type,
                request.tenantId(),
                request.caseId(),
                request.occurredAt() == null ? null : request.occurredAt().toString(),
                language,
                facts,
                request.details(),
                text);
    }

    private static void line(List<WebhookEvent.Line> lines, Language language, String label, String value) {
        if (value != null && !value.isEmpty()) {
            lines.add(new WebhookEvent.Line(TEXTS.text(language, "label." + label), value));
        }
    }

    private static void put(Map<String, String> facts, String name, String value) {
        if (value != null && !value.isEmpty()) {
            facts.put(name, value);
        }
    }

    /** The bundle, for the test that holds every language to the same keys. */
    static Messages texts() {
        return TEXTS;
    }
}
