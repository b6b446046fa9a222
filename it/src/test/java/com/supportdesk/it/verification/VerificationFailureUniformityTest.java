package com.supportdesk.it.verification;

import static com.supportdesk.it.verification.VerificationFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of failed confirmation answers the same and takes at least the configured time. */
@ExtendWith(LocalAwsExtension.class)
class VerificationFailureUniformityTest {
    private static final Duration FLOOR = Duration.ofMillis(200);

    @Test
    void wrongExpiredUsedBurnedVoidedUnknownAndOtherAgentsFailuresLookAlike(LocalAws aws) {
        Map<String, String> env = Map.of("PIN_CONFIRM_MIN_DURATION", "PT0.2S");
        Map<String, Supplier<HttpResult>> kinds = new LinkedHashMap<>();

        VerificationFixture wrong = new VerificationFixture(aws, Language.EN, env);
        String wrongId = wrong.startCode();
        String wrongCode = wrong(wrong.lastCodeMailedTo(wrong.email));
        kinds.put("wrong", () -> wrong.confirm(wrongId, wrongCode));

        VerificationFixture expired = new VerificationFixture(aws, Language.EN, env);
        String expiredId = expired.startCode();
        String expiredCode = expired.lastCodeMailedTo(expired.email);
        kinds.put("expired", () -> {
            expired.clock.advance(Duration.ofMinutes(11));
            return expired.confirm(expiredId, expiredCode);
        });

        VerificationFixture used = new VerificationFixture(aws, Language.EN, env);
        String usedId = used.startCode();
        String usedCode = used.lastCodeMailedTo(used.email);
        assertThat(used.confirm(usedId, usedCode).status()).isEqualTo(200);
        kinds.put("used", () -> used.confirm(usedId, usedCode));

        VerificationFixture burned = new VerificationFixture(aws, Language.EN, env);
        String burnedId = burned.startCode();
        String burnedCode = burned.lastCodeMailedTo(burned.email);
        for (int i = 0; i < 3; i++) {
            burned.confirm(burnedId, wrong(burnedCode));
        }
        kinds.put("burned", () -> burned.confirm(burnedId, burnedCode));

        VerificationFixture voided = new VerificationFixture(aws, Language.EN, env);
        String voidedId = voided.startCode();
        String voidedCode = voided.lastCodeMailedTo(voided.email);
        voided.clock.advance(Duration.ofSeconds(61));
        voided.startCode();
        kinds.put("voided", () -> voided.confirm(voidedId, voidedCode));

        kinds.put("unknown id", () -> wrong.confirm("VER-0000-0000-0000-0000", "1234 5678"));
        kinds.put("malformed id", () -> wrong.confirm("x", "1234 5678"));

        VerificationFixture other = new VerificationFixture(aws, Language.EN, env);
        String otherId = other.startCode();
        String otherCode = other.lastCodeMailedTo(other.email);
        kinds.put(
                "another agent's",
                () -> Handlers.invoke(other.handler, other.confirmEvent(otherId, otherCode, "agent-other")));

        String expectedBody = null;
        for (var kind : kinds.entrySet()) {
            long started = System.nanoTime();
            HttpResult result = kind.getValue().get();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(result.status()).as(kind.getKey()).isEqualTo(422);
            assertThat(result.errorCode()).as(kind.getKey()).isEqualTo("VERIFICATION_FAILED");
            if (expectedBody == null) {
                expectedBody = result.body();
            }
            assertThat(result.body()).as(kind.getKey()).isEqualTo(expectedBody);
            assertThat(took).as(kind.getKey() + " took").isGreaterThanOrEqualTo(FLOOR);
        }
        // the other agent's attempt was not even counted: the owner can still confirm
        assertThat(other.confirm(otherId, otherCode).status()).isEqualTo(200);
    }

    @Test
    void onlyTheAgentWhoStartedAVerificationLearnsThatItsContactIsSuspended(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws, Language.EN, Map.of("PIN_MAX_FAILURES", "1"));
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        assertThat(f.confirm(id, wrong(code)).status())
                .as("one failure suspends here")
                .isEqualTo(423);

        HttpResult unknown = f.confirm("VER-0000-0000-0000-0000", code);
        HttpResult otherAgent = Handlers.invoke(f.handler, f.confirmEvent(id, code, "agent-other"));
        assertThat(otherAgent.status()).isEqualTo(422);
        assertThat(otherAgent.errorCode()).isEqualTo("VERIFICATION_FAILED");
        assertThat(otherAgent.body()).as("the same as for an unknown id").isEqualTo(unknown.body());
        // the agent on the call is told, so they can call the administrator back instead
        assertThat(f.confirm(id, code).status()).isEqualTo(423);
    }
}
