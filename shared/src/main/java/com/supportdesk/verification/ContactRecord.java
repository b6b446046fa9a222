package com.supportdesk.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is remembered per tenant and contact: when codes were sent, when wrong codes were evaluated, a
 * suspension, and the one live verification. Pure: the decisions here are tested without a database.
 *
 * @param sends          epoch milliseconds of the codes sent, oldest first
 * @param failures       epoch milliseconds of the wrong codes evaluated, oldest first; a re-send keeps them
 * @param suspendedUntil when the last suspension ends; empty when the contact was never suspended (no
 *                       instant stands for "never": any instant is a real one on some clock)
 * @param version        0 when nothing is stored yet
 */
public record ContactRecord(
        List<Long> sends,
        List<Long> failures,
        Optional<Instant> suspendedUntil,
        String liveVerificationId,
        long version) {

    public ContactRecord {
        sends = List.copyOf(sends);
        failures = List.copyOf(failures);
        Objects.requireNonNull(suspendedUntil, "suspendedUntil");
    }

    public static ContactRecord empty() {
        return new ContactRecord(List.of(), List.of(), Optional.empty(), null, 0);
    }

    /** Why a code may or may not be sent now. */
    public sealed interface SendDecision {
        record Allowed(ContactRecord next, String previousLiveVerificationId) implements SendDecision {}

        record Suspended(Instant until) implements SendDecision {}

        record TooSoon(Instant retryAt) implements SendDecision {}

        record LimitReached(Instant retryAt, boolean daily) implements SendDecision {}
    }

    public boolean suspendedAt(Instant now) {
        return suspendedUntil.filter(now::isBefore).isPresent();
    }

    public int failuresWithin(Instant now, Duration window) {
        return within(failures, now, window).size();
    }

    /** Checks suspension, the re-send cooldown and the hourly and daily limits, in that order. */
    public SendDecision decideSend(Instant now, VerificationPolicy policy, String newVerificationId) {
        long t = now.toEpochMilli();
        if (suspendedAt(now)) {
            return new SendDecision.Suspended(suspendedUntil.orElseThrow());
        }
        if (!sends.isEmpty()) {
            long last = sends.get(sends.size() - 1);
            long ready = last + policy.resendCooldown().toMillis();
            if (ready > t) {
                return new SendDecision.TooSoon(Instant.ofEpochMilli(ready));
            }
        }
        List<Long> lastHour = within(sends, now, Duration.ofHours(1));
        if (lastHour.size() >= policy.maxSendsPerHour()) {
            return new SendDecision.LimitReached(
                    retryAt(lastHour, policy.maxSendsPerHour(), Duration.ofHours(1)), false);
        }
        List<Long> lastDay = within(sends, now, Duration.ofHours(24));
        if (lastDay.size() >= policy.maxSendsPerDay()) {
            return new SendDecision.LimitReached(retryAt(lastDay, policy.maxSendsPerDay(), Duration.ofHours(24)), true);
        }
        List<Long> nextSends = new ArrayList<>(within(sends, now, policy.historyWindow()));
        nextSends.add(t);
        ContactRecord next = new ContactRecord(
                nextSends,
                within(failures, now, policy.historyWindow()),
                suspendedUntil,
                newVerificationId,
                version + 1);
        return new SendDecision.Allowed(next, liveVerificationId);
    }

    /**
     * This record without a send that never went out, or empty when there is nothing to take back.
     * The send at {@code sentAt} stops counting toward the cooldown and the limits, and if
     * {@code verificationId} is still the live one, {@code previousLive} (the code it would have replaced)
     * is live again. A newer send that took over meanwhile stays live.
     */
    public Optional<ContactRecord> withoutSend(long sentAt, String verificationId, String previousLive) {
        List<Long> remaining = new ArrayList<>(sends);
        boolean removed = remaining.remove(Long.valueOf(sentAt)); // one send: another at the same ms still counts
        boolean stillLive = verificationId.equals(liveVerificationId);
        if (!removed && !stillLive) {
            return Optional.empty();
        }
        return Optional.of(new ContactRecord(
                remaining, failures, suspendedUntil, stillLive ? previousLive : liveVerificationId, version + 1));
    }

    /** The first instant at which fewer than {@code max} of {@code times} lie in the window. */
    private static Instant retryAt(List<Long> times, int max, Duration window) {
        return Instant.ofEpochMilli(times.get(times.size() - max) + window.toMillis());
    }

    private static List<Long> within(List<Long> times, Instant now, Duration window) {
        long from = now.toEpochMilli() - window.toMillis();
        return times.stream().filter(time -> time > from).sorted().toList();
    }
}
