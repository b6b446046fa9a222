package com.supportdesk.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderTextTest {

    @Test
    void lineBreaksAndInvisibleCharactersBecomeOneSpace() {
        assertThat(HeaderText.singleLine("Contoso\r\nBcc: victim@evil.example"))
                .isEqualTo("Contoso Bcc: victim@evil.example");
        assertThat(HeaderText.singleLine("a\u0085b\u2028c\u2029d\te\u000bf\u202Eg\u0000h"))
                .isEqualTo("a b c d e f g h");
        assertThat(HeaderText.singleLine("  支持服务台：\n案例  ")).isEqualTo("支持服务台： 案例");
        assertThat(HeaderText.singleLine(null)).isEmpty();
    }

    @Test
    void aTopicSubjectIsShortPrintableAscii() {
        String subject = HeaderText.topicSubject("[SLA BREACH] 案例 CS-1\r\n" + "x".repeat(200));
        assertThat(subject).matches("[\\x20-\\x7e]{1,99}").startsWith("[SLA BREACH] CS-1 xxx");
        assertThat(HeaderText.topicSubject("案例")).isEqualTo("Support Desk notification");
    }
}
