package com.supportdesk.functions.supportsuggestions;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.Language;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The article files are data edited by hand: the same articles in every language, complete. */
class ArticleDataTest {

    @Test
    void everyArticleExistsInEveryLanguageAboutTheSameServiceAndCategory() {
        Map<String, Article> english = byId(Language.EN);
        assertThat(english).hasSizeGreaterThanOrEqualTo(12);
        for (Language language : Language.values()) {
            Map<String, Article> articles = byId(language);
            assertThat(articles.keySet()).as(language.tag()).isEqualTo(english.keySet());
            articles.forEach((id, article) -> {
                assertThat(article.service()).as(id).isEqualTo(english.get(id).service());
                assertThat(article.category()).as(id).isEqualTo(english.get(id).category());
                assertThat(article.url()).isEqualTo("/help/" + language.tag() + "/" + id);
                assertThat(List.of(article.title(), article.summary(), article.body()))
                        .as(id)
                        .allSatisfy(text -> assertThat(text).isNotBlank());
                assertThat(article.keywords()).as(id).isNotEmpty();
            });
        }
    }

    @Test
    void japaneseAndChineseArticlesAreWrittenInTheirLanguage() {
        for (Article article : Articles.of(Language.JA)) {
            assertThat(article.title() + article.body())
                    .as(article.id())
                    .containsPattern("[\\p{IsHiragana}\\p{IsKatakana}]");
        }
        for (Article article : Articles.of(Language.ZH_CN)) {
            assertThat(article.body())
                    .as(article.id())
                    .containsPattern("\\p{IsHan}")
                    .doesNotContainPattern("[\\p{IsHiragana}]");
        }
    }

    @Test
    void theSeedsTopicsAreCovered() {
        assertThat(byId(Language.EN).keySet())
                .contains(
                        "sso-sign-in",
                        "mail-flow-delivery",
                        "sharepoint-permissions",
                        "licences-assign",
                        "billing-invoice",
                        "trial-sign-up",
                        "renew-subscription");
    }

    private static Map<String, Article> byId(Language language) {
        return Articles.of(language).stream().collect(Collectors.toMap(Article::id, Function.identity()));
    }
}
