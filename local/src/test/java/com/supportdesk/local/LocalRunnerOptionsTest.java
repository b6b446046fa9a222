package com.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunnerOptionsTest {
    @Test
    void defaults() {
        LocalRunner.Options options = LocalRunner.Options.parse(new String[0], Map.of());
        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.clockStart()).isEmpty();
        assertThat(options.jwtSecret()).isEmpty();
        assertThat(options.seedDemoData()).isTrue();
    }

    @Test
    void argumentsAndEnvironment() {
        LocalRunner.Options options = LocalRunner.Options.parse(
                new String[] {"--port", "3100", "--clock=2026-03-02T09:00:00+08:00", "--no-seed", "--quiet"},
                Map.of(LocalRunner.SECRET_ENV, "s".repeat(32)));
        assertThat(options.port()).isEqualTo(3100);
        assertThat(options.clockStart()).contains(Instant.parse("2026-03-02T01:00:00Z"));
        assertThat(options.jwtSecret()).contains("s".repeat(32));
        assertThat(options.seedDemoData()).isFalse();
        assertThat(options.accessLog()).isFalse();
        assertThat(LocalRunner.Options.parse(
                                new String[] {"--jwt-secret", "x".repeat(40)}, Map.of(LocalRunner.SECRET_ENV, "y"))
                        .jwtSecret())
                .contains("x".repeat(40));
    }

    @Test
    void environmentOverridesAccumulatePerFunctionAndLeaveTheOriginalOptionsAlone() {
        LocalRunner.Options plain = LocalRunner.Options.forTests();
        LocalRunner.Options options = plain.withEnvironmentOverride("A", "X", "1")
                .withEnvironmentOverride("A", "Y", "2")
                .withEnvironmentOverride("B", "X", "3")
                .withEnvironmentOverride("A", "X", "4")
                .withPort(0);
        assertThat(options.environmentOverrides())
                .isEqualTo(Map.of("A", Map.of("X", "4", "Y", "2"), "B", Map.of("X", "3")));
        assertThat(plain.environmentOverrides()).isEmpty();
        assertThatThrownBy(() -> options.environmentOverrides().put("C", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--port", "x"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--clock", "tomorrow"}, Map.of()))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--clock"}, Map.of()))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("Unknown");
    }

    @Test
    void aStartInstantTheClockCannotServeIsRefusedNamingTheWindow() {
        assertThatThrownBy(() ->
                        LocalRunner.Options.parse(new String[] {"--clock", "+1000000000-01-01T00:00:00Z"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--clock")
                .hasMessageContaining(SimulatedClock.EARLIEST.toString())
                .hasMessageContaining(SimulatedClock.LATEST.toString());
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--clock", "1969-07-20T20:17:00Z"}, Map.of()))
                .hasMessageContaining("--clock");
        assertThat(LocalRunner.Options.parse(new String[] {"--clock", "1970-01-01T00:00:00Z"}, Map.of())
                        .clockStart())
                .contains(SimulatedClock.EARLIEST);
    }

    @Test
    void theConcurrencyIsEightInstancesPerFunctionUnlessSetByOptionOrProperty() {
        assertThat(LocalRunner.Options.parse(new String[0], Map.of()).concurrency())
                .isEqualTo(LocalRunner.Options.DEFAULT_CONCURRENCY)
                .isEqualTo(8);
        assertThat(LocalRunner.Options.parse(new String[] {"--concurrency", "3"}, Map.of())
                        .concurrency())
                .isEqualTo(3);
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--concurrency", "0"}, Map.of()))
                .hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> LocalRunner.Options.parse(new String[] {"--concurrency", "x"}, Map.of()))
                .hasMessageContaining("--concurrency");
        String before = System.getProperty(LocalRunner.Options.CONCURRENCY_PROPERTY);
        System.setProperty(LocalRunner.Options.CONCURRENCY_PROPERTY, "12");
        try {
            assertThat(LocalRunner.Options.forTests().concurrency()).isEqualTo(12);
        } finally {
            if (before == null) {
                System.clearProperty(LocalRunner.Options.CONCURRENCY_PROPERTY);
            } else {
                System.setProperty(LocalRunner.Options.CONCURRENCY_PROPERTY, before);
            }
        }
    }
}
