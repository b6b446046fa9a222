package com.supportdesk.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.Language;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageChoiceTest {

    private static Language choose(String header, Language organisation) {
        return LanguageChoice.choose(Optional.ofNullable(header), Optional.ofNullable(organisation));
    }

    @Test
    void theHeaderWinsOverTheOrganisationsLanguage() {
        assertThat(choose("ja", Language.EN)).isEqualTo(Language.JA);
        assertThat(choose("ja-JP,ja;q=0.9", Language.ZH_CN)).isEqualTo(Language.JA);
        assertThat(choose("en-GB", Language.JA)).isEqualTo(Language.EN);
    }

    @Test
    void anyChineseIsSimplifiedChinese() {
        assertThat(choose("zh-TW", Language.EN)).isEqualTo(Language.ZH_CN);
        assertThat(choose("zh-Hans-CN", null)).isEqualTo(Language.ZH_CN);
        assertThat(choose("ZH", null)).isEqualTo(Language.ZH_CN);
    }

    @Test
    void qWeightsOrderThePreferencesAndZeroExcludes() {
        assertThat(choose("en;q=0.5, ja;q=0.8", null)).isEqualTo(Language.JA);
        assertThat(choose("ja;q=0, zh-CN;q=0.1", Language.EN)).isEqualTo(Language.ZH_CN);
        assertThat(choose("fr-FR, zh;q=0.3, en;q=0.3", null))
                .as("equal weights keep header order")
                .isEqualTo(Language.ZH_CN);
    }

    @Test
    void aHeaderWithNothingTheDeskSpeaksFallsBackToTheOrganisationThenEnglish() {
        assertThat(choose("fr-FR, de;q=0.9, *;q=0.1", Language.JA)).isEqualTo(Language.JA);
        assertThat(choose("ja;q=oops", Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(choose(null, Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(choose(null, null)).isEqualTo(Language.EN);
        assertThat(choose("x".repeat(600), null)).isEqualTo(Language.EN);
    }
}
