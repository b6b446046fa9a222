package com.supportdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.refusal.Refusal;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Body(String title, Severity severity, Language language, Integer count) {}

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

    private static void assertCode(String json, String code, String mentions) {
        assertThatThrownBy(() -> Json.read(json, Body.class)).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(mentions).doesNotContain("com.", "Exception", "line:");
        });
    }
}
