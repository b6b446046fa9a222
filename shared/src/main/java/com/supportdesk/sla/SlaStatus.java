package com.supportdesk.sla;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SLA clocks of one case as of an instant, computed by {@link SlaEvaluator} from its history.
 *
 * @param asOf the instant the clocks were evaluated at; events after it were ignored
 * @param category the case's category
 * @param severity the case's severity as of {@code asOf}
 * @param status the case's status as of {@code asOf}
 * @param initialResponse the initial-response clock
 * @param followUp the follow-up clock, present while one runs (severity A, after the first response, until resolved)
 * @param downgrade the pending drop in severity, present while the case waits for the customer
 */
public record SlaStatus(
        Instant asOf,
        Category category,
        Severity severity,
        CaseStatus status,
        InitialResponse initialResponse,
        Optional<FollowUp> followUp,
        Optional<Downgrade> downgrade) {

    public SlaStatus {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(initialResponse, "initialResponse");
        Objects.requireNonNull(followUp, "followUp");
        Objects.requireNonNull(downgrade, "downgrade");
    }

    /**
     * The next instant after {@link #asOf} at which a clock changes state (a warning, a breach, an
     * overdue follow-up or a due downgrade), for scheduling the next look at this case; empty when none
     * is pending. A response at the due time is still in time, so a breach shows from the first instant
     * after the due time, and that is the instant given for it.
     */
    public Optional<Instant> nextCheckAt() {
        Stream.Builder<Instant> candidates = Stream.builder();
        if (initialResponse.state() == ResponseState.RUNNING) {
            candidates
                    .add(initialResponse.warningAt())
                    .add(initialResponse.dueAt().plusNanos(1));
        }
        followUp.filter(f -> f.state() == FollowUpState.RUNNING)
                .flatMap(FollowUp::dueAt)
                .map(due -> due.plusNanos(1))
                .ifPresent(candidates);
        downgrade.map(Downgrade::dueAt).ifPresent(candidates);
        return candidates.build().filter(at -> at.isAfter(asOf)).min(Instant::compareTo);
    }

    /**
     * The initial-response clock: from submission to the first agent response.
     *
     * @param severity the severity whose target applies: the one in force when the clock stopped, or now
     * @param start the submission instant; never moves, even when the severity changes
     * @param workingTime the target as open time on the rule's calendar
     * @param dueAt when the target is used up
     * @param warningAt when the configured share or amount of the target is left
     * @param state where the clock stands
     * @param stoppedAt the first agent response, or the resolution if that came first
     * @param breachedAt the due time, when it passed without a response
     * @param remaining open time left of the target, measured until the clock stopped or {@code asOf};
     *                  negative once overdue
     * @param warning whether the clock is running and past its warning instant
     */
    public record InitialResponse(
            Severity severity,
            Instant start,
            Duration workingTime,
            Instant dueAt,
            Instant warningAt,
            ResponseState state,
            Optional<Instant> stoppedAt,
            Optional<Instant> breachedAt,
            Duration remaining,
            boolean warning) {}

    /**
     * The follow-up clock of a case that needs regular updates.
     *
     * @param cycleStart the last agent response (or the moment the clock became due again) it counts from
     * @param state where the clock stands
     * @param dueAt the next follow-up due time; empty while paused, since it depends on when the wait ends
     * @param remaining open time left in this cycle, without the time spent waiting for the customer
     */
    public record FollowUp(Instant cycleStart, FollowUpState state, Optional<Instant> dueAt, Duration remaining) {}

    /** Where a follow-up clock stands. */
    public enum FollowUpState {
        /** Counting towards {@code dueAt}. */
        RUNNING,
        /** Stopped while the case waits for the customer. */
        PAUSED,
        /** {@code dueAt} has passed without an agent response. */
        OVERDUE
    }

    /**
     * A pending drop in severity of a case waiting for the customer.
     *
     * @param from the current severity
     * @param to the severity it drops to
     * @param waitingSince when the wait at the current severity began
     * @param dueAt when the drop is due
     * @param due whether {@code dueAt} has been reached
     */
    public record Downgrade(Severity from, Severity to, Instant waitingSince, Instant dueAt, boolean due) {}
}
