package com.supportdesk.notifications.templates;

import com.supportdesk.model.Language;
import com.supportdesk.notifications.delivery.HeaderText;
import com.supportdesk.notifications.requests.NotificationType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The messages of every notification type, rendered from the mustache templates in
 * {@code shared/src/main/resources/notifications/templates/}:
 *
 * <ul>
 *   <li>for customers (the case contact, the registered contacts), per language directory ({@code en},
 *       {@code ja}, {@code zh-CN}): {@code <type>.subject}, {@code <type>.text}, {@code <type>.html}
 *       (inheriting the language's {@code email-layout.html}) and {@code <type>.sms};</li>
 *   <li>for the agents' topics, in English: {@code agents/<type>.subject} and {@code agents/<type>.text}.</li>
 * </ul>
 *
 * where {@code <type>} is the type's name in lower case with hyphens ({@code sla-breach}). HTML escapes
 * every value; subjects and SMS come out as one line ({@link HeaderText}), whatever the values hold.
 */
public final class MessageTemplates {
    /** Types a customer can be told about; the others are only for the agents. */
    public static final Set<NotificationType> FOR_CUSTOMERS = EnumSet.complementOf(EnumSet.of(
            NotificationType.SLA_WARNING, NotificationType.FOLLOW_UP_OVERDUE, NotificationType.SATISFACTION_RATED));
    /** Types the agents' topics hear about. */
    public static final Set<NotificationType> FOR_AGENTS = EnumSet.of(
            NotificationType.SLA_WARNING,
            NotificationType.SLA_BREACH,
            NotificationType.FOLLOW_UP_OVERDUE,
            NotificationType.SATISFACTION_RATED);

    /** A customer's email: subject, plain text and HTML of the same message. */
    public record Email(String subject, String text, String html) {
        @Override
        public String toString() {
            return "Email[redacted]";
        }
    }

    /** A message to an agents' topic. */
    public record AgentMessage(String subject, String text) {
        @Override
        public String toString() {
            return "AgentMessage[redacted]";
        }
    }

    private final TemplateRenderer renderer = new TemplateRenderer();

    public Email email(NotificationType type, Language language, MessageModel model) {
        requireFor(FOR_CUSTOMERS, type, "customers");
        String base = language.tag() + "/" + fileName(type);
        return new Email(
                HeaderText.singleLine(renderer.text(base + ".subject.mustache", model.values())),
                trimmed(renderer.text(base + ".text.mustache", model.values())),
                renderer.html(base + ".html.mustache", model.values()));
    }

    public String sms(NotificationType type, Language language, MessageModel model) {
        requireFor(FOR_CUSTOMERS, type, "customers");
        return HeaderText.singleLine(
                renderer.text(language.tag() + "/" + fileName(type) + ".sms.mustache", model.values()));
    }

    public AgentMessage agents(NotificationType type, MessageModel model) {
        requireFor(FOR_AGENTS, type, "the agents' topics");
        String base = "agents/" + fileName(type);
        return new AgentMessage(
                HeaderText.topicSubject(renderer.text(base + ".subject.mustache", model.values())),
                trimmed(renderer.text(base + ".text.mustache", model.values())));
    }

    /** {@code SLA_BREACH} → {@code sla-breach}. */
    public static String fileName(NotificationType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void requireFor(Set<NotificationType> types, NotificationType type, String audience) {
        if (!types.contains(type)) {
            throw new IllegalArgumentException("No template of " + type + " for " + audience);
        }
    }

    /**
     * Without trailing spaces, and without the extra blank lines that sections left out leave behind
     * (templates stay readable; the reader sees one blank line between paragraphs).
     */
    private static String trimmed(String text) {
        return text.replaceAll("(?m)[ \\t]+$", "").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
