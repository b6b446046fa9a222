package com.supportdesk.local.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPolicyTest {
    private static Map<String, Publication.Attribute> attributes(String type, String version) {
        return Map.of(
                "type", new Publication.Attribute("String", type, null),
                "schemaVersion", new Publication.Attribute("Number", version, null));
    }

    @Test
    void noPolicyTakesEverything() {
        assertThat(FilterPolicy.of(null, null, "S").matches(Map.of())).isTrue();
    }

    @Test
    void exactStringsAndNumbersMatchTheirAttributes() {
        FilterPolicy policy = FilterPolicy.of(
                Map.of("type", List.of("SLA_BREACH", "SLA_WARNING"), "schemaVersion", List.of(1)), null, "S");
        assertThat(policy.matches(attributes("SLA_BREACH", "1"))).isTrue();
        assertThat(policy.matches(attributes("SLA_WARNING", "1.0"))).isTrue();
        assertThat(policy.matches(attributes("CASE_RESPONSE", "1"))).isFalse();
        assertThat(policy.matches(attributes("SLA_BREACH", "2"))).isFalse();
        assertThat(policy.matches(Map.of("type", new Publication.Attribute("String", "SLA_BREACH", null))))
                .as("an attribute the policy names is missing")
                .isFalse();
    }

    @Test
    void jsonTextIsAcceptedAsTheTemplateMayQuoteIt() {
        FilterPolicy policy = FilterPolicy.of("{\"type\":[\"SLA_BREACH\"]}", "MessageAttributes", "S");
        assertThat(policy.matches(attributes("SLA_BREACH", "1"))).isTrue();
    }

    @Test
    void whatTheRunnerCannotMatchIsRefusedNotIgnored() {
        assertThatThrownBy(() -> FilterPolicy.of(Map.of("type", List.of(Map.of("prefix", "SLA"))), null, "Sub"))
                .hasMessageContaining("Sub")
                .hasMessageContaining("exact");
        assertThatThrownBy(() -> FilterPolicy.of(Map.of("type", List.of("A")), "MessageBody", "Sub"))
                .hasMessageContaining("FilterPolicyScope");
    }
}
