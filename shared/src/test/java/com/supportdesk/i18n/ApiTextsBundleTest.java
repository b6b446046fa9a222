package com.supportdesk.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every area of the API's texts ({@link ApiTexts#areas()}) has every key in every language, with the same
 * placeholders, and reads as UTF-8; no text is blank but the separators meant to be. Which keys the code
 * uses, and that every refusal code has its text, is checked over the sources by the {@code it} module's
 * MessageKeysContractTest.
 */
class ApiTextsBundleTest {
    private final Messages bundle = ApiTexts.bundle();

    @Test
    void everyLanguageHasEveryKeyOfEveryOther() {
        for (Language language : Language.values()) {
            assertThat(bundle.keys(language))
                    .as("keys of every area in " + language.tag())
                    .isEqualTo(bundle.keys(Language.EN));
        }
    }

    @Test
    void everyAreaHasItsOwnKeysInEveryLanguage() throws IOException {
        for (String area : ApiTexts.areas()) {
            Set<String> english = keysOf(area, Language.EN);
            assertThat(english).as(area).isNotEmpty();
            for (Language language : Language.values()) {
                assertThat(keysOf(area, language))
                        .as("keys of " + Messages.resource(area, language))
                        .isEqualTo(english);
            }
            english.forEach(key -> assertThat(bundle.area(key)).as(key).isEqualTo(area));
        }
    }

    @Test
    void noTextIsBlankButTheSeparatorsMeantToBe() {
        for (Language language : Language.values()) {
            for (String key : bundle.keys(language)) {
                if (!key.endsWith("Separator") && !key.equals("hours.noMakeUpDays")) {
                    assertThat(bundle.raw(language, key))
                            .as(key + " in " + language.tag())
                            .isNotBlank();
                }
            }
        }
    }

    /** A Japanese or Chinese text that is the English one word for word was not translated. */
    @Test
    void japaneseAndChineseTextsAreNotTheEnglishOnes() {
        for (String key : bundle.keys(Language.EN)) {
            String english = bundle.raw(Language.EN, key);
            String words = english.replaceAll("\\{[A-Za-z0-9]+}", "");
            if (words.chars().anyMatch(Character::isLetter) && words.strip().contains(" ")) {
                assertThat(bundle.raw(Language.JA, key)).as(key + " in ja").isNotEqualTo(english);
                assertThat(bundle.raw(Language.ZH_CN, key))
                        .as(key + " in zh-CN")
                        .isNotEqualTo(english);
            }
        }
    }

    private static Set<String> keysOf(String area, Language language) throws IOException {
        try (InputStream in =
                ApiTextsBundleTest.class.getClassLoader().getResourceAsStream(Messages.resource(area, language))) {
            assertThat(in).as(Messages.resource(area, language)).isNotNull();
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return new TreeSet<>(properties.stringPropertyNames());
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
        for (String area : ApiTexts.areas()) {
            for (Language language : Language.values()) {
                try (InputStream in =
                        getClass().getClassLoader().getResourceAsStream(Messages.resource(area, language))) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(text).as(Messages.resource(area, language)).doesNotContain("\uFFFD");
                }
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

    @Test
    void aTextsParametersThatAreTextsAreWrittenInTheSameLanguage() {
        Text refusal = Text.of("SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL", "category", Text.of("category.BILLING"));
        assertThat(refusal.in(Language.EN)).contains("Billing cases are at most severity B");
        assertThat(refusal.in(Language.JA)).contains("課金のケース");
        assertThat(refusal.in(Language.ZH_CN)).contains("账单案例");
    }
}
