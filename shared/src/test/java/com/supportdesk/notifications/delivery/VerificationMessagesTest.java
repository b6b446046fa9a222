package com.supportdesk.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.Language;
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

    /** "...an administrator of Contoso Ltd.." read badly: a name that ends a sentence brings its own stop. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void aNameEndingInPunctuationIsNotFollowedByASecondStop(Language language) {
        for (String name : new String[] {"Contoso Ltd.", "Fabrikam Co., Inc.", "Yahoo!", "株式会社ファブリカム。", "Why Not?"}) {
            Message m = messages.code(
                    language, name, "1234 5678", Duration.ofMinutes(10), NOW.plus(Duration.ofMinutes(30)));
            for (String text : new String[] {m.subject(), m.text(), m.sms()}) {
                assertThat(text).as(language + " " + name).doesNotContainPattern("[.。．!！?？][.。．]");
            }
        }
    }
}
