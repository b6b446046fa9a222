package com.supportdesk.functions.supportsuggestions;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.api.Json;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queries no article answers are logged to improve the articles, with nothing that identifies anyone. */
class SuggestionGapTest {
    private static final Caller USER = new Caller("user-7", Optional.of("contoso"), Set.of(Role.USER));

    private static SuggestionIndex index;
    private final List<String> events = new ArrayList<>();
    private final List<Map<String, ?>> gaps = new ArrayList<>();

    @BeforeAll
    static void loadIndex() {
        index = SuggestionIndex.load();
    }

    @SuppressWarnings("unchecked")
    private static List<String> terms(Map<String, ?> gap) {
        return (List<String>) gap.get("terms");
    }

    private Suggestions ask(String query, Optional<ServiceName> service, Optional<String> acceptLanguage) {
        return new SuggestionService(index, "https://community.example/", (event, fields) -> {
                    events.add(event);
                    gaps.add(fields);
                })
                .suggest(USER, query, service, Optional.empty(), acceptLanguage);
    }

    @Test
    void anUnansweredQueryIsLoggedWithItsTermsLanguageServiceAndBestScore() {
        Suggestions answer = ask(
                "Teams Rooms console firmware upgrade stuck",
                Optional.of(ServiceName.SKYPE_FOR_BUSINESS_ONLINE),
                Optional.empty());
        assertThat(answer.answered()).isFalse();
        assertThat(events).containsExactly("suggestion_gap");
        Map<String, ?> gap = gaps.get(0);
        assertThat(gap.get("language")).isEqualTo("en");
        assertThat(gap.get("service")).isEqualTo("SKYPE_FOR_BUSINESS_ONLINE");
        assertThat(gap.get("searched")).isEqualTo(List.of("en"));
        assertThat(terms(gap)).contains("team", "room", "consol", "firmwar", "upgrad", "stuck");
        assertThat(gap.get("masked")).isEqualTo(Map.of());
        assertThat(gap).containsKeys("topScore", "topArticle");
    }

    @Test
    void emailsPhonesAddressesAndNumbersNeverReachTheLog() {
        String query = "Li Na li.na@contoso.example +86 139 1111 2222 or (86) 400-089-0365, PIN 48210937 order 20261127"
                + " https://intranet.contoso.example/sites/hr?user=lina 10.20.30.40 frobnicator widget wobbles";
        Suggestions answer = ask(query, Optional.empty(), Optional.empty());
        assertThat(answer.answered()).isFalse();
        assertThat(gaps).hasSize(1);
        String logged = Json.write(gaps.get(0));
        for (String secret : List.of(
                "li.na",
                "contoso",
                "example",
                "139",
                "1111",
                "2222",
                "400",
                "089",
                "0365",
                "48210937",
                "20261127",
                "intranet",
                "sites",
                "lina",
                "10.20",
                "30.40",
                "@")) {
            assertThat(logged).as("the log line %s", logged).doesNotContain(secret);
        }
        assertThat(gaps.get(0).get("masked")).isEqualTo(Map.of("email", 1, "phone", 2, "number", 2, "url", 1, "ip", 1));
        assertThat(terms(gaps.get(0))).contains("frobnic", "widget", "wobbl");
    }

    @Test
    void japaneseAndChineseGapsAreLoggedInTheirOwnTerms() {
        ask("Teams のルーム デバイスがフリーズする 090-1234-5678", Optional.empty(), Optional.empty());
        ask("会议室设备 13911112222 无法开机", Optional.empty(), Optional.of("zh-CN"));
        assertThat(gaps).hasSize(2);
        assertThat(gaps.get(0).get("language")).isEqualTo(Language.JA.tag());
        assertThat(terms(gaps.get(0))).contains("teams", "ルーム", "デバイス", "フリーズ");
        assertThat(gaps.get(1).get("language")).isEqualTo(Language.ZH_CN.tag());
        assertThat(terms(gaps.get(1))).contains("会议室", "设备", "开机");
        assertThat(gaps.get(0).get("masked")).isEqualTo(Map.of("phone", 1));
        assertThat(gaps.get(1).get("masked")).isEqualTo(Map.of("number", 1));
        for (Map<String, ?> gap : gaps) {
            assertThat(Json.write(gap)).doesNotContain("1234", "5678", "1391", "2222");
        }
    }

    @Test
    void aWellAnsweredQueryIsNotAGapAndAQueryOfStopWordsIsNothingToLog() {
        assertThat(ask("cannot sign in with SSO", Optional.empty(), Optional.empty())
                        .answered())
                .isTrue();
        Suggestions nothing = ask("how do I do it?", Optional.empty(), Optional.empty());
        assertThat(nothing.answered()).isFalse();
        assertThat(nothing.suggestions()).isEmpty();
        assertThat(gaps).isEmpty();
    }

    @Test
    void weakMatchesAreStillShownWhenNothingAnswersWell() {
        Suggestions answer = ask("Outlook calendar colours", Optional.empty(), Optional.empty());
        assertThat(answer.answered()).isFalse();
        assertThat(answer.suggestions()).isNotEmpty();
        assertThat(gaps.get(0).get("topArticle"))
                .isEqualTo(answer.suggestions().get(0).articleId());
    }
}
