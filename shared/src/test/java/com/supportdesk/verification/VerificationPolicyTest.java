package com.supportdesk.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.runtime.FunctionEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationPolicyTest {

    @Test
    void theDefaultsAreTheSpecs() {
        VerificationPolicy p = VerificationPolicy.from(FunctionEnvironment.of(Map.of(), Clock.systemUTC()));
        assertThat(p).isEqualTo(VerificationPolicy.defaults());
        assertThat(p.codeLength()).isEqualTo(8);
        assertThat(p.codeLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.maxFailures()).isEqualTo(10);
        assertThat(p.failureWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(p.suspension()).isEqualTo(Duration.ofHours(24));
        assertThat(p.maxSendsPerHour()).isEqualTo(3);
        assertThat(p.maxSendsPerDay()).isEqualTo(5);
        assertThat(p.resendCooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.grantLifetime()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void eachLimitCanBeChangedInTheEnvironment() {
        VerificationPolicy p = VerificationPolicy.from(FunctionEnvironment.of(
                Map.of(
                        "PIN_CODE_LENGTH",
                        "10",
                        "PIN_CODE_LIFETIME",
                        "PT5M",
                        "PIN_MAX_ATTEMPTS",
                        "5",
                        "PIN_GRANT_LIFETIME",
                        "PT15M",
                        "PIN_RESEND_COOLDOWN",
                        "PT2M"),
                Clock.systemUTC()));
        assertThat(p.codeLength()).isEqualTo(10);
        assertThat(p.codeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.maxAttempts()).isEqualTo(5);
        assertThat(p.grantLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.resendCooldown()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void nonsenseIsRefusedAtStart() {
        assertThatThrownBy(() -> VerificationPolicy.from(
                        FunctionEnvironment.of(Map.of("PIN_CODE_LENGTH", "4"), Clock.systemUTC())))
                .hasMessageContaining("PIN_CODE_LENGTH");
        assertThatThrownBy(() -> VerificationPolicy.from(
                        FunctionEnvironment.of(Map.of("PIN_CODE_LIFETIME", "ten"), Clock.systemUTC())))
                .hasMessageContaining("PIN_CODE_LIFETIME");
    }
}
