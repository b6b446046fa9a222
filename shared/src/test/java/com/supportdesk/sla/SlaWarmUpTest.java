package com.supportdesk.sla;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaWarmUpTest {
    @Test
    void runsEveryRuleOfTheDefaultPolicy() {
        assertThatCode(() -> SlaWarmUp.run(Instant.parse("2026-03-02T01:00:00Z")))
                .doesNotThrowAnyException();
    }
}
