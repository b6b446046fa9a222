package com.supportdesk.webhooks;

import com.supportdesk.model.Language;
import com.supportdesk.notifications.requests.NotificationType;
import java.util.List;
import java.util.Map;

/**
 * One event of a case as every webhook of the organisation receives it: what the generic JSON carries and
 * what the bots' texts are made of. Names no address, code or token; holds the case's title (the
 * organisation's own words) and never the text of a message on the case.
 *
 * @param eventId  the same for every webhook and every copy of the request: a receiver may de-duplicate on it
 * @param caseFacts {@code caseId}, {@code title}, {@code severity}, {@code status}, {@code category},
 *                  {@code service}, {@code dueAt} (ISO instant), as known
 * @param details  the request's details (public to everyone the notification reaches)
 */
public record WebhookEvent(
        String eventId,
        NotificationType type,
        String tenantId,
        String caseId,
        String occurredAt,
        Language language,
        Map<String, String> caseFacts,
        Map<String, String> details,
        Text text) {

    /** The message in the organisation's language. */
    public record Text(String title, List<Line> lines, String footer) {
        /** Title, lines as {@code label: value}, footer, one per line. */
        public String plain() {
            StringBuilder out = new StringBuilder(title).append('\n');
            for (Line line : lines) {
                out.append(line.label()).append(": ").append(line.value()).append('\n');
            }
            return out.append(footer).toString();
        }
    }

    public record Line(String label, String value) {}

    public WebhookEvent {
        caseFacts = Map.copyOf(caseFacts);
        details = Map.copyOf(details);
    }
}
