package com.supportdesk.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.Language;
import com.supportdesk.model.VerificationMethod;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerificationMessagesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");
    private final VerificationMessages messages = new VerificationMessages("Asia/Shanghai");

    @ParameterizedTest
    @EnumSource(Language.class)
    void theCodeMessageNamesPurposeExpiryAndNeverToShareByMailAndSms(Language language) {
        Message m = messages.code(
                language, "Contoso", "1234 5678", Duration.ofMinutes(10), NOW.plus(Duration.ofMinutes(10)));
        for (String text : new String[] {m.text(), m.sms()}) {
            assertThat(text)
                    .contains("1234 5678")
                    .contains("10")
                    .contains("09:10 (Asia/Shanghai)")
                    .contains("Contoso");
        }
        String neverShare =
                switch (language) {
                    case EN -> "Never share it with anyone who called you";
                    case JA -> "かかってきた電話の相手には";
                    case ZH_CN -> "切勿将验证码告诉任何给您打来电话的人";
                };
        assertThat(m.text()).contains(neverShare);
        assertThat(m.sms().length()).as("fits a few SMS segments").isLessThan(200);
        assertThat(m.toString()).doesNotContain("1234");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void noticesCarryNoCode(Language language) {
        Message verified = messages.verified(
                language,
                "Contoso",
                VerificationMethod.CODE,
                "j***@contoso.com",
                NOW,
                NOW.plus(Duration.ofMinutes(30)));
        Message suspended = messages.suspended(language, "Contoso", "j***@contoso.com", NOW.plus(Duration.ofHours(24)));
        for (Message m : new Message[] {verified, suspended}) {
            assertThat(m.subject() + m.text() + m.sms()).contains("Contoso").doesNotContainPattern("[0-9]{4} [0-9]{4}");
        }
        assertThat(verified.text()).contains("j***@contoso.com").contains("09:30");
        assertThat(suspended.text()).contains("2026-11-28 09:00");
    }

    /** "...an administrator of Contoso Ltd.." read badly: a name that ends a sentence brings its own stop. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void aNameEndingInPunctuationIsNotFollowedByASecondStop(Language language) {
        for (String name : new String[] {"Contoso Ltd.", "Fabrikam Co., Inc.", "Yahoo!", "株式会社ファブリカム。", "Why Not?"}) {
            Instant until = NOW.plus(Duration.ofMinutes(30));
            Message[] all = {
                messages.code(language, name, "1234 5678", Duration.ofMinutes(10), until),
                messages.verified(language, name, VerificationMethod.CODE, "j***@contoso.com", NOW, until),
                messages.verified(language, name, VerificationMethod.REGISTERED_NUMBER, null, NOW, until),
                messages.suspended(language, name, "j***@contoso.com", until)
            };
            for (Message m : all) {
                for (String text : new String[] {m.subject(), m.text(), m.sms()}) {
                    assertThat(text).as(language + " " + name).doesNotContainPattern("[.。．!！?？][.。．]");
                }
            }
        }
    }
}
