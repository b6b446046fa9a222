package com.supportdesk.functions.supportsuggestions;

import static com.supportdesk.model.Language.EN;
import static com.supportdesk.model.Language.JA;
import static com.supportdesk.model.Language.ZH_CN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryLanguagesTest {

    @Test
    void acceptLanguageIsReadByWeightAndEveryChineseTagMeansTheChineseArticles() {
        assertThat(QueryLanguages.accepted("ja,en-US;q=0.8,en;q=0.7")).containsExactly(JA, EN);
        assertThat(QueryLanguages.accepted("en;q=0.5, zh-TW;q=0.9, ja;q=0.1")).containsExactly(ZH_CN, EN, JA);
        assertThat(QueryLanguages.accepted("zh-Hans-CN,zh;q=0.9")).containsExactly(ZH_CN);
        assertThat(QueryLanguages.accepted("fr-FR,de;q=0.9,*;q=0.1")).isEmpty();
        assertThat(QueryLanguages.accepted("ja;q=0,en")).containsExactly(EN);
        assertThat(QueryLanguages.accepted("ja;q=abc,;;,en;q=2,zh")).containsExactly(ZH_CN);
        assertThat(QueryLanguages.accepted("")).isEmpty();
    }

    @Test
    void theScriptOfTheTextComesBeforeTheHeader() {
        assertThat(QueryLanguages.candidates("SharePoint の権限", Optional.of("en")))
                .containsExactly(JA, EN);
        assertThat(QueryLanguages.candidates("Outlook 无法登录 SSO", Optional.empty()))
                .containsExactly(ZH_CN, JA, EN);
        assertThat(QueryLanguages.candidates("権限 反映", Optional.of("ja"))).containsExactly(JA, ZH_CN, EN);
        assertThat(QueryLanguages.candidates("権限 反映", Optional.of("zh-CN,ja"))).containsExactly(ZH_CN, JA, EN);
        assertThat(QueryLanguages.candidates("ｱｶｳﾝﾄ", Optional.empty()))
                .as("half-width katakana")
                .containsExactly(JA, EN);
    }

    @Test
    void latinTextFollowsTheHeaderThenEnglish() {
        assertThat(QueryLanguages.candidates("Outlook SSO", Optional.of("zh-CN")))
                .containsExactly(ZH_CN, EN);
        assertThat(QueryLanguages.candidates("Outlook SSO", Optional.of("ja, en;q=0.5")))
                .containsExactly(JA, EN);
        assertThat(QueryLanguages.candidates("Outlook SSO", Optional.empty())).containsExactly(EN);
    }
}
