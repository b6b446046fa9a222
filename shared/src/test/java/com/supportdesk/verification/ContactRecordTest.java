package com.supportdesk.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.verification.ContactRecord.SendDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactRecordTest {
    private static final VerificationPolicy POLICY = VerificationPolicy.defaults();
    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

    private static ContactRecord send(ContactRecord record, Instant at, String id) {
        SendDecision decision = record.decideSend(at, POLICY, id);
        assertThat(decision).isInstanceOf(SendDecision.Allowed.class);
        return ((SendDecision.Allowed) decision).next();
    }

    @Test
    void aSendRecordsItselfAndNamesTheCodeItReplaces() {
        ContactRecord first = send(ContactRecord.empty(), T0, "VER-1");
        SendDecision second = first.decideSend(T0.plusSeconds(60), POLICY, "VER-2");
        assertThat(second).isInstanceOfSatisfying(SendDecision.Allowed.class, a -> {
            assertThat(a.previousLiveVerificationId()).isEqualTo("VER-1");
            assertThat(a.next().liveVerificationId()).isEqualTo("VER-2");
            assertThat(a.next().version()).isEqualTo(first.version() + 1);
        });
    }

    @Test
    void cooldownHourAndDayLimitsSayWhenToRetry() {
        ContactRecord r = send(ContactRecord.empty(), T0, "a");
        assertThat(r.decideSend(T0.plusSeconds(59), POLICY, "b"))
                .isEqualTo(new SendDecision.TooSoon(T0.plusSeconds(60)));
        r = send(r, T0.plusSeconds(60), "b");
        r = send(r, T0.plusSeconds(120), "c");
        assertThat(r.decideSend(T0.plusSeconds(180), POLICY, "d"))
                .isEqualTo(new SendDecision.LimitReached(T0.plus(Duration.ofHours(1)), false));
        r = send(r, T0.plus(Duration.ofHours(1)), "d");
        r = send(r, T0.plus(Duration.ofHours(1)).plusSeconds(60), "e");
        Instant later = T0.plus(Duration.ofHours(5));
        assertThat(r.decideSend(later, POLICY, "f"))
                .isEqualTo(new SendDecision.LimitReached(T0.plus(Duration.ofHours(24)), true));
        assertThat(r.decideSend(T0.plus(Duration.ofHours(24)), POLICY, "f")).isInstanceOf(SendDecision.Allowed.class);
    }

    @Test
    void aSendKeepsTheFailuresAndASuspensionRefusesSends() {
        long f = T0.toEpochMilli();
        ContactRecord withFailures = new ContactRecord(List.of(), List.of(f, f + 1, f + 2), Optional.empty(), null, 3);
        ContactRecord next = send(withFailures, T0.plusSeconds(10), "x");
        assertThat(next.failuresWithin(T0.plusSeconds(10), POLICY.failureWindow()))
                .isEqualTo(3);

        ContactRecord suspended =
                new ContactRecord(List.of(), List.of(), Optional.of(T0.plus(Duration.ofHours(24))), null, 4);
        assertThat(suspended.decideSend(T0.plusSeconds(1), POLICY, "y"))
                .isEqualTo(new SendDecision.Suspended(T0.plus(Duration.ofHours(24))));
        assertThat(suspended.decideSend(T0.plus(Duration.ofHours(24)), POLICY, "y"))
                .isInstanceOf(SendDecision.Allowed.class);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        long f = T0.toEpochMilli();
        ContactRecord r = new ContactRecord(List.of(), List.of(f, f + 1000), Optional.empty(), null, 2);
        assertThat(r.failuresWithin(T0.plus(Duration.ofHours(24)).plusMillis(500), POLICY.failureWindow()))
                .isEqualTo(1);
    }

    @Test
    void aSendThatNeverWentOutIsTakenBackAndTheCodeItWouldHaveReplacedIsLiveAgain() {
        ContactRecord first = send(ContactRecord.empty(), T0, "VER-1");
        SendDecision.Allowed second = (SendDecision.Allowed) first.decideSend(T0.plusSeconds(60), POLICY, "VER-2");
        ContactRecord released = second.next()
                .withoutSend(T0.plusSeconds(60).toEpochMilli(), "VER-2", second.previousLiveVerificationId())
                .orElseThrow();
        assertThat(released.sends()).containsExactly(T0.toEpochMilli());
        assertThat(released.liveVerificationId()).isEqualTo("VER-1");
        assertThat(released.version()).isEqualTo(second.next().version() + 1);
        // neither cooldown nor limit remembers it
        assertThat(released.decideSend(T0.plusSeconds(60), POLICY, "VER-3")).isInstanceOf(SendDecision.Allowed.class);
    }

    @Test
    void takingASendBackLeavesANewerLiveCodeAndTheFailuresAlone() {
        long f = T0.toEpochMilli();
        ContactRecord record = new ContactRecord(List.of(f, f + 60_000), List.of(f + 1), Optional.empty(), "VER-3", 7);
        ContactRecord released = record.withoutSend(f, "VER-1", null).orElseThrow();
        assertThat(released.sends()).containsExactly(f + 60_000);
        assertThat(released.failures()).containsExactly(f + 1);
        assertThat(released.liveVerificationId()).isEqualTo("VER-3");
        assertThat(record.withoutSend(f + 5, "VER-1", null))
                .as("nothing to take back")
                .isEmpty();
    }

    /** "Never suspended" is the absence of a suspension, not the instant 1970-01-01, so it holds at any time. */
    @Test
    void aContactThatWasNeverSuspendedIsNotSuspendedBefore1970Either() {
        Instant moonLanding = Instant.parse("1969-07-20T20:17:00Z");
        assertThat(ContactRecord.empty().suspendedAt(moonLanding)).isFalse();
        assertThat(ContactRecord.empty().decideSend(moonLanding, POLICY, "VER-1"))
                .isInstanceOf(SendDecision.Allowed.class);
        ContactRecord sent = send(ContactRecord.empty(), moonLanding, "VER-1");
        assertThat(sent.suspendedUntil()).isEmpty();
        assertThat(sent.decideSend(moonLanding.plusSeconds(1), POLICY, "VER-2"))
                .isEqualTo(new SendDecision.TooSoon(moonLanding.plusSeconds(60)));
    }
}
