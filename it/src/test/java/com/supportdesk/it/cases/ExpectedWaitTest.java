package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.cases.FirstResponseStats;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The typical first-response wait in the support options: measured from first responses into the
 * aggregate, counted once per case, and read from the aggregate alone. Every test runs in a month of its
 * own, years away from the other tests' cases, since the aggregate is desk-wide.
 */
class ExpectedWaitTest extends CaseHandlersTest {

    private JsonNode typicalWait(String severity, String category, String acceptLanguage) {
        ObjectNode event = asAdmin(sampleEvent("support-options.json"), tenant);
        if (acceptLanguage != null) {
            event.withObject("headers").put("accept-language", acceptLanguage);
        }
        HttpResult result = invoke(submission, event);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        for (JsonNode level : result.json().path("guidance").path("severities")) {
            for (JsonNode option : level.path("categories")) {
                if (level.path("severity").asText().equals(severity)
                        && option.path("category").asText().equals(category)) {
                    return option.path("typicalWait");
                }
            }
        }
        throw new AssertionError("no " + severity + "/" + category);
    }

    private String open() {
        HttpResult created = invoke(submission, submit(tenant, bodyB(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("caseId").asText();
    }

    @Test
    void theMedianOfRecentFirstResponsesIsShownOnceThereAreEnoughCases() {
        Instant start = Instant.parse("2029-03-05T01:00:00Z");
        clock.set(start);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add(open());
        }
        for (int i = 0; i < 4; i++) {
            clock.set(start.plus(Duration.ofMinutes(60L * (i + 1))));
            assertThat(invoke(api, respond(cases.get(i), "Looking into it.", null))
                            .status())
                    .isEqualTo(200);
        }
        JsonNode four = typicalWait("B", "TECHNICAL", null);
        assertThat(four.path("cases").asLong()).isEqualTo(4);
        assertThat(four.path("medianMinutes").isMissingNode()).isTrue();
        assertThat(four.path("text").asText())
                .isEqualTo("Not enough recent cases to say what is typical now (fewer than 5 in the last 28 days).");

        // the fifth case gets several responses at once (agents racing, a client retrying): one first response
        clock.set(start.plus(Duration.ofMinutes(300)));
        List<HttpResult> racing =
                Concurrently.invokeAll(api, Collections.nCopies(4, respond(cases.get(4), "On it.", null)));
        assertThat(racing).extracting(HttpResult::status).contains(200).allMatch(s -> s == 200 || s == 409);
        // a later response is not a first response
        clock.set(start.plus(Duration.ofMinutes(400)));
        invoke(api, respond(cases.get(0), "Any news?", null));

        JsonNode five = typicalWait("B", "TECHNICAL", null);
        assertThat(five.path("cases").asLong()).isEqualTo(5);
        // waits of 1..5 hours: the true median is 3 h, in the buckets' 3 h..4 h
        assertThat(five.path("medianMinutes").asLong()).isBetween(180L, 240L);
        assertThat(five.path("windowDays").asInt()).isEqualTo(28);
        assertThat(five.path("text").asText())
                .matches("Typical now: about 3 h( \\d+ min)? \\(median of 5 cases in the last 28 days\\)\\.");
        assertThat(typicalWait("B", "TECHNICAL", "ja").path("text").asText())
                .matches("現在の目安: 約 3 時間( \\d+ 分)? \\(過去 28 日間の 5 件の中央値\\)。");
        assertThat(typicalWait("C", "TECHNICAL", null).path("cases").asLong())
                .as("another severity has its own aggregate")
                .isZero();

        // 28 days later the window has moved past them
        clock.set(start.plus(Duration.ofDays(28)));
        assertThat(typicalWait("B", "TECHNICAL", null).path("cases").asLong()).isZero();
    }

    @Test
    void aRetriedCountOfTheSameCaseCountsOnce() {
        FirstResponseStats stats = new FirstResponseStats(
                fixtures.dynamo, fixtures.table("CasesTable"), new FirstResponseStats.Settings(28, 1));
        Instant opened = Instant.parse("2029-06-04T01:00:00Z");
        Instant responded = opened.plus(Duration.ofMinutes(50));
        List<Callable<Boolean>> calls = Collections.nCopies(
                6, () -> stats.record(Severity.C, Category.SUBSCRIPTION, "CS-RETR-IED0-0001", opened, responded));
        List<Boolean> counted = Concurrently.callAll(calls);
        assertThat(counted).containsOnlyOnce(true);
        assertThat(stats.record(Severity.C, Category.SUBSCRIPTION, "CS-RETR-IED0-0001", opened, responded))
                .isFalse();
        FirstResponseStats.Typical typical = stats.typical(Severity.C, Category.SUBSCRIPTION, responded);
        assertThat(typical.cases()).isEqualTo(1);
        assertThat(typical.median())
                .hasValueSatisfying(m -> assertThat(m.toMinutes()).isBetween(45L, 60L));
    }

    @Test
    void theOptionsReadTheAggregateNotTheCases() {
        // aggregates of cases that do not exist as case items: only the aggregate can be the source
        Instant day = Instant.parse("2029-09-10T03:00:00Z");
        clock.set(day);
        FirstResponseStats stats = FirstResponseStats.writer(fixtures.dynamo, fixtures.table("CasesTable"));
        for (int i = 0; i < 7; i++) {
            Instant opened = day.minus(Duration.ofDays(i)).minus(Duration.ofHours(2));
            stats.record(
                    Severity.B,
                    Category.BILLING,
                    "CS-NOCA-SE00-000" + i,
                    opened,
                    opened.plus(Duration.ofMinutes(25 + 5L * i)));
        }
        JsonNode wait = typicalWait("B", "BILLING", "zh-CN");
        assertThat(wait.path("cases").asLong()).isEqualTo(7);
        assertThat(wait.path("medianMinutes").asLong()).isBetween(30L, 45L);
        assertThat(wait.path("text").asText()).matches("当前参考：约 \\d+ 分钟（过去 28 天内 7 个案例的中位数）。");
    }
}
