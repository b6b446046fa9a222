package com.supportdesk.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every language of the guidance bundle has every key with the same placeholders, and reads as UTF-8. */
class GuidanceBundleTest {
    private final Messages bundle = GuidanceTexts.bundle();

    @Test
    void everyLanguageHasEveryKeyOfEveryOther() {
        for (Language language : Language.values()) {
            assertThat(bundle.keys(language))
                    .as("keys of " + Messages.resource("guidance", language))
                    .isEqualTo(bundle.keys(Language.EN));
        }
    }

    @Test
    void everyTextUsesTheSamePlaceholdersInEveryLanguage() {
        for (String key : bundle.keys(Language.EN)) {
            for (Language language : Language.values()) {
                assertThat(Messages.placeholders(bundle.raw(language, key)))
                        .as(key + " in " + language.tag())
                        .isEqualTo(Messages.placeholders(bundle.raw(Language.EN, key)));
            }
        }
    }

    @Test
    void theFilesAreUtf8WithNoUnreadableCharacters() throws IOException {
        for (Language language : Language.values()) {
            try (InputStream in =
                    getClass().getClassLoader().getResourceAsStream(Messages.resource("guidance", language))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).doesNotContain("\uFFFD");
            }
        }
        assertThat(bundle.text(Language.JA, "severity.A.label")).isEqualTo("重大度 A (重大)");
        assertThat(bundle.text(Language.ZH_CN, "severity.B.label")).isEqualTo("严重级别 B（高）");
    }

    @Test
    void everySeverityHasADefinitionExamplesAndWhatToProvideInEveryLanguage() {
        for (Language language : Language.values()) {
            for (Severity severity : Severity.values()) {
                String prefix = "severity." + severity.name();
                assertThat(bundle.text(language, prefix + ".definition")).isNotBlank();
                assertThat(bundle.list(language, prefix + ".example")).hasSizeGreaterThanOrEqualTo(2);
                assertThat(bundle.list(language, prefix + ".provide")).isNotEmpty();
            }
            assertThat(bundle.list(language, "severity.A.provide")).hasSize(3);
        }
    }

    @Test
    void namedParametersAreFilledAndAMissingOneIsAnError() {
        assertThat(bundle.text(Language.EN, "wait.typical", Map.of("duration", "about 3 h", "cases", 12, "days", 28)))
                .isEqualTo("Typical now: about about 3 h (median of 12 cases in the last 28 days).");
        assertThat(bundle.plural(Language.EN, "target.hours", 1, Map.of())).isEqualTo("1 hour");
        assertThat(bundle.plural(Language.EN, "target.hours", 4, Map.of())).isEqualTo("4 hours");
        assertThatThrownBy(() -> bundle.text(Language.EN, "wait.typical", Map.of("cases", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> bundle.text(Language.EN, "no.such.key")).isInstanceOf(IllegalStateException.class);
    }
}
