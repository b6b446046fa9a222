package com.supportdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.i18n.Messages;
import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.notifications.templates.CaseFacts;
import com.supportdesk.notifications.templates.MessageModel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookMessagesTest {

    @Test
    void everyLanguageHasTheSameKeysAndPlaceholdersAndATitlePerSupportedType() {
        Messages texts = WebhookMessages.texts();
        for (Language language : Language.values()) {
            assertThat(texts.keys(language)).isEqualTo(texts.keys(Language.EN));
            for (String key : texts.keys(Language.EN)) {
                assertThat(Messages.placeholders(texts.raw(language, key)))
                        .as(language + " " + key)
                        .isEqualTo(Messages.placeholders(texts.raw(Language.EN, key)));
            }
        }
        for (NotificationType type : WebhookEvents.SUPPORTED) {
            assertThat(texts.has("title." + type.name())).as(type.name()).isTrue();
        }
    }

    @Test
    void theMessageIsInTheOrganisationsLanguageWithTimesInBeijingTime() {
        NotificationRequest request = NotificationRequest.of(
                "CS-7K3M-Q9TX-4HNP#SLA_BREACH#2026-11-27T02:00:00Z#SUPPORT_QUEUE",
                NotificationType.SLA_BREACH,
                "contoso",
                "CS-7K3M-Q9TX-4HNP",
                Recipient.supportQueue(),
                Language.EN,
                Instant.parse("2026-11-27T02:00:00Z"),
                Map.of("severity", "A", "dueAt", "2026-11-27T02:00:00Z"));
        CaseFacts facts = new CaseFacts(
                "CS-7K3M-Q9TX-4HNP",
                "邮件无法送达",
                Severity.A,
                "TECHNICAL",
                "EXCHANGE_ONLINE",
                "OPEN",
                "Li Na",
                Optional.of(Instant.parse("2026-11-27T02:00:00Z")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        MessageModel model = MessageModel.of(
                request, Language.ZH_CN, ZoneId.of("Asia/Shanghai"), Optional.of(facts), Optional.of("Contoso"), false);
        WebhookEvent event = WebhookMessages.event(WebhookSubscribers.eventId(request), request, Language.ZH_CN, model);

        assertThat(event.eventId()).isEqualTo("CS-7K3M-Q9TX-4HNP#SLA_BREACH#2026-11-27T02:00:00Z");
        assertThat(event.text().title()).isEqualTo("案例 CS-7K3M-Q9TX-4HNP：首次响应已超时");
        assertThat(event.text().plain()).contains("标题: 邮件无法送达", "首次响应截止: ", "10:00");
        assertThat(event.caseFacts()).containsEntry("dueAt", "2026-11-27T02:00:00Z");
    }
}
