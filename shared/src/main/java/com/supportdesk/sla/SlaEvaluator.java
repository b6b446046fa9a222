package com.supportdesk.sla;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaStatus.Downgrade;
import com.supportdesk.sla.SlaStatus.FollowUp;
import com.supportdesk.sla.SlaStatus.FollowUpState;
import com.supportdesk.sla.SlaStatus.InitialResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays a case's history against a policy to find where its SLA clocks stand.
 *
 * <p>Rules, from SPEC section 5: the initial-response clock starts at submission and stops at the first
 * agent response; a severity change before that response re-targets the clock from the original
 * start (no time is lost or gained), one after it does not reopen the clock. A follow-up clock runs
 * for the policy's severities from the latest agent response until resolution and pauses while the case
 * waits for the customer. A case waiting for the customer drops one severity after the policy's
 * threshold. Because everything is recomputed from history, evaluating with a changed policy is how
 * open cases pick up new calendars, holidays and targets.
 */
public final class SlaEvaluator {

    private SlaEvaluator() {}

    /** The clocks as of {@code clock.instant()}. */
    public static SlaStatus evaluate(SlaPolicies policies, List<? extends TimelineEvent> history, Clock clock) {
        return evaluate(policies, history, clock.instant());
    }

    /**
     * The clocks as of {@code now}; events after {@code now} are ignored, so a past instant gives the
     * state the case was in then. Events at the same instant apply in list order.
     *
     * @throws IllegalArgumentException if the history does not begin with exactly one {@link TimelineEvent.Submitted}
     *                                  at or before {@code now}, or uses a severity the policy does not allow
     */
    public static SlaStatus evaluate(SlaPolicies policies, List<? extends TimelineEvent> history, Instant now) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(now, "now");
        List<TimelineEvent> events = new ArrayList<>(history);
        events.sort(Comparator.comparing(TimelineEvent::at)); // stable: same-instant events keep their order
        if (events.isEmpty() || !(events.get(0) instanceof TimelineEvent.Submitted submitted)) {
            throw new IllegalArgumentException("A case history must begin with its submission");
        }
        if (submitted.at().isAfter(now)) {
            throw new IllegalArgumentException("The case was submitted at " + submitted.at() + ", after " + now);
        }
        Replay replay = new Replay(policies, submitted);
        for (TimelineEvent event : events.subList(1, events.size())) {
            if (event.at().isAfter(now)) {
                break;
            }
            replay.apply(event);
        }
        return replay.status(now);
    }

    /** The state of a case as its events are applied one by one. */
    private static final class Replay {
        private final SlaPolicies policies;
        private final Instant submittedAt;
        private final Category category;
        private Severity severity;
        private CaseStatus status = CaseStatus.OPEN;

        private Instant initialStop;
        /** A breach under an earlier severity stays a breach: re-targeting never erases it. */
        private Instant breachedBeforeChange;

        private boolean stoppedByResponse;
        private Severity severityAtStop;

        private Instant lastResponse;
        private Instant lastSeverityChange;
        private Instant followUpSeveritySince;
        private Instant reopenedAt;
        private Instant waitingSince;
        private final List<Instant[]> waits = new ArrayList<>();

        Replay(SlaPolicies policies, TimelineEvent.Submitted submitted) {
            this.policies = policies;
            this.submittedAt = submitted.at();
            this.category = submitted.category();
            this.severity = submitted.severity();
            this.lastSeverityChange = submittedAt;
            this.followUpSeveritySince = submittedAt;
            policies.rule(severity, category); // fail early on a severity the policy does not allow
        }

        void apply(TimelineEvent event) {
            switch (event) {
                case TimelineEvent.Submitted s ->
                    throw new IllegalArgumentException("A case is submitted once; second submission at " + s.at());
                case TimelineEvent.SeverityChanged c -> {
                    if (c.severity() != severity) {
                        if (initialStop == null && breachedBeforeChange == null) {
                            Instant due = initialDue(severity);
                            if (c.at().isAfter(due)) {
                                breachedBeforeChange = due;
                            }
                        }
                        if (!appliesFollowUp(severity) && appliesFollowUp(c.severity())) {
                            followUpSeveritySince = c.at();
                        }
                        severity = c.severity();
                        lastSeverityChange = c.at();
                    }
                }
                case TimelineEvent.StatusChanged c -> changeStatus(c.at(), c.status());
                case TimelineEvent.AgentResponded r -> {
                    stopInitial(r.at(), true);
                    lastResponse = r.at();
                }
            }
        }

        private void changeStatus(Instant at, CaseStatus next) {
            if (status == CaseStatus.AWAITING_CUSTOMER && next != CaseStatus.AWAITING_CUSTOMER) {
                waits.add(new Instant[] {waitingSince, at});
                waitingSince = null;
            } else if (next == CaseStatus.AWAITING_CUSTOMER && status != CaseStatus.AWAITING_CUSTOMER) {
                waitingSince = at;
            }
            if (isFinished(next) && !isFinished(status)) {
                stopInitial(at, false);
            } else if (!isFinished(next) && isFinished(status)) {
                reopenedAt = at;
            }
            status = next;
        }

        private void stopInitial(Instant at, boolean byResponse) {
            if (initialStop == null) {
                initialStop = at;
                stoppedByResponse = byResponse;
                severityAtStop = severity;
            }
        }

        private Instant initialDue(Severity s) {
            SlaRule rule = policies.rule(s, category);
            return SlaClock.due(rule.calendar(), submittedAt, rule.workingTime());
        }

        private boolean appliesFollowUp(Severity s) {
            return policies.followUp().map(f -> f.appliesTo(s)).orElse(false);
        }

        SlaStatus status(Instant now) {
            return new SlaStatus(now, category, severity, status, initialResponse(now), followUp(now), downgrade(now));
        }

        private InitialResponse initialResponse(Instant now) {
            Severity applied = initialStop != null ? severityAtStop : severity;
            SlaRule rule = policies.rule(applied, category);
            SupportCalendar calendar = rule.calendar();
            Duration workingTime = rule.workingTime();
            Instant due = SlaClock.due(calendar, submittedAt, workingTime);
            Instant warningAt = SlaClock.warningAt(calendar, submittedAt, workingTime, policies.warning());
            Instant measuredTo = initialStop != null ? initialStop : now;
            Duration remaining = SlaClock.remaining(calendar, submittedAt, workingTime, measuredTo);
            ResponseState state;
            if (breachedBeforeChange != null) {
                state = ResponseState.BREACHED;
            } else if (initialStop != null) {
                boolean inTime = !initialStop.isAfter(due);
                state = inTime
                        ? (stoppedByResponse ? ResponseState.MET : ResponseState.STOPPED)
                        : ResponseState.BREACHED;
            } else {
                state = now.isAfter(due) ? ResponseState.BREACHED : ResponseState.RUNNING;
            }
            return new InitialResponse(
                    applied,
                    submittedAt,
                    workingTime,
                    due,
                    warningAt,
                    state,
                    Optional.ofNullable(initialStop),
                    state == ResponseState.BREACHED
                            ? Optional.of(breachedBeforeChange != null ? breachedBeforeChange : due)
                            : Optional.empty(),
                    remaining,
                    state == ResponseState.RUNNING && !now.isBefore(warningAt));
        }

        private Optional<FollowUp> followUp(Instant now) {
            Optional<FollowUpPolicy> policy = policies.followUp();
            if (policy.isEmpty() || !policy.get().appliesTo(severity) || lastResponse == null || isFinished(status)) {
                return Optional.empty();
            }
            SupportCalendar calendar = policy.get().calendar();
            Duration every = policy.get().every();
            // A new cycle begins with every agent response, so a timer set for an earlier cycle can never fire
            // after the agent answered; also when the case became urgent again or was reopened.
            Instant cycleStart = latest(lastResponse, followUpSeveritySince, reopenedAt);
            List<Instant[]> pauses = new ArrayList<>(waits);
            if (waitingSince != null) {
                pauses.add(new Instant[] {waitingSince, now});
                Duration spent = runningTime(calendar, cycleStart, now, pauses);
                return Optional.of(
                        new FollowUp(cycleStart, FollowUpState.PAUSED, Optional.empty(), every.minus(spent)));
            }
            Instant due = dueSkippingPauses(calendar, cycleStart, every, pauses);
            Duration remaining = every.minus(runningTime(calendar, cycleStart, now, pauses));
            FollowUpState state = now.isAfter(due) ? FollowUpState.OVERDUE : FollowUpState.RUNNING;
            return Optional.of(new FollowUp(cycleStart, state, Optional.of(due), remaining));
        }

        private Optional<Downgrade> downgrade(Instant now) {
            if (status != CaseStatus.AWAITING_CUSTOMER) {
                return Optional.empty();
            }
            Optional<Target> after = policies.downgradeAfter(severity);
            Optional<Severity> lower = severity.lower().filter(s -> policies.isAllowed(s, category));
            if (after.isEmpty() || lower.isEmpty()) {
                return Optional.empty();
            }
            // Waiting is measured at the current severity: after one drop the next one counts afresh.
            Instant since = latest(waitingSince, lastSeverityChange, null);
            SupportCalendar calendar = policies.rule(severity, category).calendar();
            Instant due = SlaClock.due(calendar, since, after.get().workingTime(calendar));
            return Optional.of(new Downgrade(severity, lower.get(), since, due, !now.isBefore(due)));
        }

        /** Open time from {@code from} to {@code to}, leaving out the pauses. */
        private static Duration runningTime(
                SupportCalendar calendar, Instant from, Instant to, List<Instant[]> pauses) {
            if (!to.isAfter(from)) {
                return Duration.ZERO;
            }
            Duration total = SlaClock.elapsed(calendar, from, to);
            for (Instant[] pause : pauses) {
                Instant lo = latest(pause[0], from, null);
                Instant hi = pause[1].isBefore(to) ? pause[1] : to;
                if (hi.isAfter(lo)) {
                    total = total.minus(SlaClock.elapsed(calendar, lo, hi));
                }
            }
            return total;
        }

        /** Like {@link SlaClock#due} with the (past, ordered) pauses taken out of the open time. */
        private static Instant dueSkippingPauses(
                SupportCalendar calendar, Instant start, Duration workingTime, List<Instant[]> pauses) {
            Instant cursor = start;
            Duration left = workingTime;
            for (Instant[] pause : pauses) {
                if (!pause[1].isAfter(cursor)) {
                    continue;
                }
                if (pause[0].isAfter(cursor)) {
                    Duration run = SlaClock.elapsed(calendar, cursor, pause[0]);
                    if (run.compareTo(left) >= 0) {
                        return SlaClock.due(calendar, cursor, left);
                    }
                    left = left.minus(run);
                }
                cursor = pause[1];
            }
            return SlaClock.due(calendar, cursor, left);
        }

        private static Instant latest(Instant a, Instant b, Instant c) {
            Instant max = a;
            if (b != null && (max == null || b.isAfter(max))) {
                max = b;
            }
            if (c != null && (max == null || c.isAfter(max))) {
                max = c;
            }
            return max;
        }

        private static boolean isFinished(CaseStatus s) {
            return s == CaseStatus.RESOLVED || s == CaseStatus.CLOSED || s == CaseStatus.CANCELLED;
        }
    }
}
