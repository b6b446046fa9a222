package com.supportdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidateTest {

    @ParameterizedTest
    @ValueSource(strings = {"+8613800138000", "+18008659408", "+442071234567"})
    void acceptsE164(String phone) {
        assertThat(Validate.phone("phone", phone)).isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+0123456789", "+86 138 0013 8000", "+1234", "+1234567890123456"})
    void refusesNonE164(String phone) {
        assertThatThrownBy(() -> Validate.phone("contact.phone", phone))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.getMessage()).contains("contact.phone", "E.164"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b", "a b@c.cn", "@c.cn", "a@@c.cn", "a@c..cn"})
    void refusesMalformedEmail(String email) {
        assertThatThrownBy(() -> Validate.email("email", email)).isInstanceOf(Refusal.class);
    }

    @Test
    void countriesAreIsoAlpha2() {
        assertThat(Validate.country("country", "CN")).isEqualTo("CN");
        assertThatThrownBy(() -> Validate.country("country", "ZZ")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> Validate.country("country", "cn")).isInstanceOf(Refusal.class);
    }

    @Test
    void textIsTrimmedBoundedAndFreeOfControlCharacters() {
        assertThat(Validate.text("title", "  Outlook  ", 10)).isEqualTo("Outlook");
        assertThatThrownBy(() -> Validate.text("title", "x".repeat(11), 10)).hasMessageContaining("longer than 10");
        assertThatThrownBy(() -> Validate.text("title", "a\u0000b", 10)).hasMessageContaining("control");
        assertThatThrownBy(() -> Validate.text("title", "   ", 10)).hasMessageContaining("required");
        assertThat(Validate.text("description", "line one\nline two", 40)).contains("\n");
    }

    /** Line breaks of every kind, other control characters, and the characters that reorder what follows them. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\rb",
                "a\nb",
                "a\r\nBcc: x",
                "a\u0085b",
                "a\u2028b",
                "a\u2029b",
                "a\tb",
                "a\u0000b",
                "a\u001bb",
                "a\u007fb",
                "a\u202eb",
                "a\u2066b",
                "title\n"
            })
    void aSingleLineFieldRefusesLineBreaksAndControlCharacters(String value) {
        assertThatThrownBy(() -> Validate.line("title", value, 200)).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).contains("'title'");
        });
        assertThatThrownBy(() -> Validate.optionalLine("title", value, 200)).isInstanceOf(Refusal.class);
    }

    @Test
    void aSingleLineFieldKeepsEverythingElse() {
        assertThat(Validate.line("name", "  Contoso Ltd.  ", 200)).isEqualTo("Contoso Ltd.");
        assertThat(Validate.line("name", "株式会社ファブリカム", 200)).isEqualTo("株式会社ファブリカム");
        assertThat(Validate.line("name", "شركة كونتوسو", 200)).isEqualTo("شركة كونتوسو");
        assertThat(Validate.line("name", "Mail \uD83D\uDCE7 down", 200)).isEqualTo("Mail \uD83D\uDCE7 down");
        assertThat(Validate.optionalLine("name", null, 200)).isNull();
        assertThat(Validate.text("description", "line one\r\nline two\u2028three", 80))
                .contains("\n", "\u2028");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\ud800b", "a\udc00b", "ab\ud83d", "\ude00ab"})
    void halfASurrogatePairIsRefusedInEveryKindOfText(String value) {
        assertThatThrownBy(() -> Validate.text("description", value, 100)).hasMessageContaining("invalid characters");
        assertThatThrownBy(() -> Validate.line("title", value, 100)).hasMessageContaining("invalid characters");
        assertThatThrownBy(() -> Validate.optionalText("reason", value, 100))
                .hasMessageContaining("invalid characters");
    }
}
