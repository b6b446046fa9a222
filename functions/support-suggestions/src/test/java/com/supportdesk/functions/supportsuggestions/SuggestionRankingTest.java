package com.supportdesk.functions.supportsuggestions;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What customers type, in English, Japanese, Chinese and mixtures, and the article that must come first. */
class SuggestionRankingTest {
    private static final Caller ADMIN = new Caller("admin-1", Optional.of("contoso"), Set.of(Role.ADMIN));

    private static SuggestionIndex index;
    private final List<Map<String, ?>> gaps = new ArrayList<>();

    @BeforeAll
    static void loadIndex() {
        index = SuggestionIndex.load();
    }

    private SuggestionService service() {
        return new SuggestionService(index, "https://community.example/", (event, fields) -> gaps.add(fields));
    }

    record Asked(String query, String acceptLanguage, Language language, String firstArticle) {
        @Override
        public String toString() {
            return query + (acceptLanguage == null ? "" : " [" + acceptLanguage + "]");
        }
    }

    static Stream<Asked> questions() {
        return Stream.of(
                // English
                new Asked(
                        "Users cannot sign in with single sign-on since the AD FS certificate was renewed",
                        null,
                        Language.EN,
                        "sso-sign-in"),
                new Asked("Members cannot send as the shared mailbox", null, Language.EN, "shared-mailbox"),
                new Asked(
                        "Emails to external domains bounce with NDR 550 5.1.10",
                        null,
                        Language.EN,
                        "mail-flow-delivery"),
                new Asked("How do I add more licenses for new staff?", "en-GB", Language.EN, "licences-assign"),
                new Asked("Our trial expired, how do we convert to paid?", null, Language.EN, "trial-sign-up"),
                new Asked("renew subscription before the end date", null, Language.EN, "renew-subscription"),
                new Asked(
                        "Outlook keeps asking for the password when adding the account",
                        null,
                        Language.EN,
                        "autodiscover"),
                new Asked("set a service account password to never expire", null, Language.EN, "password-never-expire"),
                new Asked("Why is this month's invoice higher?", null, Language.EN, "billing-invoice"),
                new Asked(
                        "SharePoint access denied after adding user to Members group",
                        null,
                        Language.EN,
                        "sharepoint-permissions"),
                // Japanese
                new Asked("外部ドメインへのメールが届かない", null, Language.JA, "mail-flow-delivery"),
                new Asked("ライセンスを追加したい", null, Language.JA, "licences-assign"),
                new Asked("試用版を有料版に切り替えたい", null, Language.JA, "trial-sign-up"),
                new Asked("サブスクリプションの更新方法を教えてください", "ja", Language.JA, "renew-subscription"),
                new Asked("共有メールボックスから送信者として送信できない", null, Language.JA, "shared-mailbox"),
                new Asked("請求書の金額が先月と違う", null, Language.JA, "billing-invoice"),
                // Japanese with Latin product names
                new Asked("SharePoint の権限が反映されない", null, Language.JA, "sharepoint-permissions"),
                new Asked("SharePoint の権限が反映されない", "en-US,en;q=0.9", Language.JA, "sharepoint-permissions"),
                new Asked("ADFS でサインインできません", null, Language.JA, "sso-sign-in"),
                new Asked("Outlook で自動検出がうまくいかない", null, Language.JA, "autodiscover"),
                // Chinese
                new Asked("如何续订订阅", null, Language.ZH_CN, "renew-subscription"),
                new Asked("试用版到期了怎么转为付费", "zh-CN", Language.ZH_CN, "trial-sign-up"),
                new Asked("增加许可证", null, Language.ZH_CN, "licences-assign"),
                new Asked("共享邮箱成员无法以共享邮箱身份发送邮件", null, Language.ZH_CN, "shared-mailbox"),
                new Asked("发票金额不对", null, Language.ZH_CN, "billing-invoice"),
                // Chinese with Latin product names and numbers
                new Asked("Outlook 无法登录 SSO", null, Language.ZH_CN, "sso-sign-in"),
                new Asked("邮件发不出去，退信 550 5.1.10", null, Language.ZH_CN, "mail-flow-delivery"),
                new Asked("SharePoint 网站拒绝访问，权限不生效", null, Language.ZH_CN, "sharepoint-permissions"),
                // Latin-only text: the header chooses the language
                new Asked("Outlook SSO", "zh-CN,zh;q=0.9,en;q=0.5", Language.ZH_CN, "sso-sign-in"),
                new Asked("Outlook SSO", "ja", Language.JA, "sso-sign-in"),
                // kanji only: Japanese when the caller reads Japanese first
                new Asked("権限 反映", "ja,zh-CN;q=0.5", Language.JA, "sharepoint-permissions"),
                // an English question from a Japanese browser: the Japanese articles cannot answer it
                new Asked("members cannot send as the shared mailbox", "ja", Language.EN, "shared-mailbox"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questions")
    void theRightArticleComesFirstInTheRightLanguage(Asked asked) {
        Suggestions answer = service()
                .suggest(
                        ADMIN,
                        asked.query(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.ofNullable(asked.acceptLanguage()));
        assertThat(answer.answered()).as("answered").isTrue();
        assertThat(answer.language()).isEqualTo(asked.language());
        assertThat(answer.suggestions()).isNotEmpty();
        assertThat(answer.suggestions().get(0).articleId()).isEqualTo(asked.firstArticle());
        assertThat(answer.suggestions()).as("one language per answer").allSatisfy(s -> assertThat(s.language())
                .isEqualTo(asked.language()));
        assertThat(answer.suggestions().get(0).url())
                .isEqualTo("/help/" + asked.language().tag() + "/" + asked.firstArticle());
        assertThat(gaps).as("a good answer is no gap").isEmpty();
    }

    @Test
    void aServiceNarrowsTheArticlesToItAndToArticlesAboutNoOneService() {
        Suggestions all = service().suggest(ADMIN, "permissions", Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(all.suggestions().get(0).articleId()).isEqualTo("sharepoint-permissions");

        Suggestions exchange = service()
                .suggest(
                        ADMIN,
                        "permissions",
                        Optional.of(ServiceName.EXCHANGE_ONLINE),
                        Optional.of(10),
                        Optional.empty());
        assertThat(exchange.service()).isEqualTo(ServiceName.EXCHANGE_ONLINE);
        assertThat(exchange.suggestions().get(0).articleId()).isEqualTo("shared-mailbox");
        assertThat(exchange.suggestions())
                .allSatisfy(s -> assertThat(s.service()).isIn(ServiceName.EXCHANGE_ONLINE, null));
    }

    @Test
    void theListIsAsLongAsAskedAndBestFirst() {
        Suggestions five = service()
                .suggest(
                        ADMIN,
                        "subscription licence renew cancel trial invoice",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
        assertThat(five.suggestions()).hasSize(SuggestionService.DEFAULT_LIMIT);
        assertThat(five.suggestions())
                .extracting(Suggestions.Suggestion::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        Suggestions two = service()
                .suggest(
                        ADMIN,
                        "subscription licence renew cancel trial invoice",
                        Optional.empty(),
                        Optional.of(2),
                        Optional.empty());
        assertThat(two.suggestions()).hasSize(2);
        assertThat(two.suggestions()).isEqualTo(five.suggestions().subList(0, 2));
        assertThat(five.communityForumUrl()).isEqualTo("https://community.example/");
    }

    @Test
    void everyLanguageIndexHoldsEveryArticleOfItsFile() {
        for (Language language : Language.values()) {
            assertThat(index.size(language))
                    .as(language.tag())
                    .isEqualTo(Articles.of(language).size());
        }
    }
}
