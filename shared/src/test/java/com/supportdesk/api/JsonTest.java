package com.supportdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.refusal.Refusal;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Body(String title, Severity severity, Language language, Integer count, Long version, Boolean flag) {}

    @Test
    void readsKnownFieldsAndLanguageTags() {
        Body body = Json.read("{\"title\":\"t\",\"severity\":\"B\",\"language\":\"zh-CN\",\"count\":2}", Body.class);
        assertThat(body.language()).isEqualTo(Language.ZH_CN);
        assertThat(Json.write(body)).contains("\"language\":\"zh-CN\"");
    }

    @Test
    void refusalsNameTheProblemWithoutInternals() {
        assertCode("{\"title\":\"t\",\"admin\":true}", "UNKNOWN_FIELD", "admin");
        assertCode("{\"severity\":\"Z\"}", "INVALID_VALUE", "severity");
        assertCode("{\"count\":\"many\"}", "INVALID_VALUE", "count");
        assertCode("{\"title\":", "INVALID_JSON", "not valid JSON");
        assertCode("{} {}", "INVALID_JSON", "");
        assertCode("", "EMPTY_BODY", "empty");
        assertCode("null", "INVALID_JSON", "");
        assertCode("[1]", "INVALID_JSON", "object");
    }

    @Test
    void enumsAreReadOnlyFromTheirNamesNeverFromPositions() {
        // "severity": 0 once opened a severity-A case: a position is not a documented value
        assertCode("{\"severity\":0}", "INVALID_VALUE", "severity");
        assertCode("{\"severity\":2}", "INVALID_VALUE", "severity");
        assertCode("{\"severity\":\"0\"}", "INVALID_VALUE", "severity");
        assertCode("{\"severity\":1.0}", "INVALID_VALUE", "severity");
        assertCode("{\"language\":0}", "INVALID_VALUE", "language");
    }

    @Test
    void aStringFieldAcceptsOnlyAJsonString() {
        assertCode("{\"title\":123}", "INVALID_VALUE", "title");
        assertCode("{\"title\":1.5}", "INVALID_VALUE", "title");
        assertCode("{\"title\":true}", "INVALID_VALUE", "title");
        assertCode("{\"title\":[\"a\"]}", "INVALID_VALUE", "title");
        assertCode("{\"title\":{\"a\":1}}", "INVALID_VALUE", "title");
        // and the other way round: numbers and booleans are not read from strings or fractions
        assertCode("{\"count\":\"2\"}", "INVALID_VALUE", "count");
        assertCode("{\"version\":1.5}", "INVALID_VALUE", "version");
        assertCode("{\"flag\":\"true\"}", "INVALID_VALUE", "flag");
        assertCode("{\"flag\":1}", "INVALID_VALUE", "flag");
    }

    @Test
    void aBadValueNamesItsFieldInsteadOfCallingTheBodyInvalidJson() {
        assertCode("{\"language\":\"fr\"}", "INVALID_VALUE", "language");
        assertCode("{\"language\":{}}", "INVALID_VALUE", "language");
        assertCode("{\"version\":99999999999999999999}", "INVALID_VALUE", "version");
        assertCode("{\"count\":3000000000}", "INVALID_VALUE", "count");
        assertCode("{\"version\":1e400}", "INVALID_VALUE", "version");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertCode("{\"title\":\"a\",\"title\":\"b\"}", "INVALID_JSON", "");
    }

    record Timed(java.time.Instant at) {}

    @Test
    void anInstantIsAnIsoStringNeverEpochSeconds() {
        assertThat(Json.read("{\"at\":\"2026-01-01T00:00:00Z\"}", Timed.class).at())
                .isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        for (String json : java.util.List.of("{\"at\":1700000000}", "{\"at\":1.7E9}", "{\"at\":true}")) {
            assertThatThrownBy(() -> Json.read(json, Timed.class))
                    .as(json)
                    .isInstanceOfSatisfying(
                            Refusal.class, e -> assertThat(e.getMessage()).contains("'at'"));
        }
    }

    private static void assertCode(String json, String code, String mentions) {
        assertThatThrownBy(() -> Json.read(json, Body.class)).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(mentions).doesNotContain("com.", "Exception", "line:");
        });
    }
}
