package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.sla.ResponseState;
import com.supportdesk.sla.SlaEvaluator;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaRule;
import com.supportdesk.sla.SlaStatus;
import com.supportdesk.sla.TimelineEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The SLA state of a case, recomputed from its recorded history by the SLA engine every time it is
 * read: nothing about the clocks is stored except the index keys derived from it (see
 * {@link CaseRepository}), so a changed calendar, holiday list or target reaches open cases too.
 */
public final class CaseSla {
    private final Supplier<SlaPolicies> policies;

    public CaseSla(SlaPolicies policies) {
        this(() -> policies);
    }

    /** With policies read when first needed (for example from a parameter store, after a SnapStart restore). */
    public CaseSla(Supplier<SlaPolicies> policies) {
        this.policies = policies;
    }

    public SlaPolicies policies() {
        return policies.get();
    }

    /** The case's history as the engine's timeline; replies carry no clock fact of their own. */
    public static List<TimelineEvent> timeline(SupportCase c) {
        List<TimelineEvent> events = new ArrayList<>();
        for (CaseEvent e : c.history()) {
            switch (e.type()) {
                case SUBMITTED -> events.add(TimelineEvent.submitted(e.at(), e.severity(), c.category()));
                // the sweep's downgrade is a change of severity like an agent's
                case SEVERITY_CHANGED, SEVERITY_DOWNGRADED ->
                    events.add(
                            TimelineEvent.severityChanged(e.at(), e.severity(), e.reason() == null ? "" : e.reason()));
                case STATUS_CHANGED -> events.add(TimelineEvent.statusChanged(e.at(), e.status()));
                case AGENT_RESPONDED -> events.add(TimelineEvent.agentResponded(e.at()));
                case CUSTOMER_REPLIED -> {
                    // the status change it causes (AWAITING_CUSTOMER → IN_PROGRESS) is its own entry
                }
                // the sweep's closing is a change of status like an agent's
                case AUTO_CLOSED -> events.add(TimelineEvent.statusChanged(e.at(), CaseStatus.CLOSED));
                default -> {
                    // warnings, breaches, notices: records of what the clocks did, not facts they depend on
                }
            }
        }
        return events;
    }

    public SlaStatus status(SupportCase c, Instant now) {
        // A history entry written a moment "after" now by a clock that is slightly ahead is still history.
        Instant asOf = c.updatedAt() != null && c.updatedAt().isAfter(now) ? c.updatedAt() : now;
        return SlaEvaluator.evaluate(policies(), timeline(c), asOf);
    }

    /** The rule in force for the initial response: its calendar zone is where local due times are shown. */
    public SlaRule rule(SlaStatus status) {
        return policies().rule(status.initialResponse().severity(), status.category());
    }

    /** The {@code sla} part of a case as the API shows it. */
    public View view(SupportCase c, Instant now) {
        SlaStatus s = status(c, now);
        SlaStatus.InitialResponse ir = s.initialResponse();
        SlaRule rule = rule(s);
        ZoneId zone = rule.calendar().zone();
        InitialResponseView initial = new InitialResponseView(
                ir.severity().name(),
                rule.target().toString(),
                ir.start(),
                ir.dueAt(),
                OffsetDateTime.ofInstant(ir.dueAt(), zone),
                zone.getId(),
                ir.warningAt(),
                ir.state(),
                ir.stoppedAt().orElse(null),
                c.firstResponseAt().orElse(null),
                ir.breachedAt().orElse(null),
                ir.remaining().toString(),
                ir.warning());
        FollowUpView followUp = s.followUp()
                .map(f -> new FollowUpView(
                        f.cycleStart(),
                        f.state().name(),
                        f.dueAt().orElse(null),
                        f.remaining().toString()))
                .orElse(null);
        DowngradeView downgrade = s.downgrade()
                .map(d -> new DowngradeView(d.from().name(), d.to().name(), d.waitingSince(), d.dueAt(), d.due()))
                .orElse(null);
        return new View(s.asOf(), initial, followUp, downgrade, s.nextCheckAt().orElse(null));
    }

    /**
     * @param asOf       the instant the clocks were evaluated at
     * @param nextCheckAt the next instant a clock changes state (what the sweep looks for)
     */
    public record View(
            Instant asOf,
            InitialResponseView initialResponse,
            FollowUpView followUp,
            DowngradeView downgrade,
            Instant nextCheckAt) {}

    /**
     * The initial-response clock; {@code remaining} is an ISO-8601 duration of open time, negative once overdue. Once it stopped, {@code state} says MET or BREACHED and both instants are
     * given: {@code dueAt} and {@code stoppedAt} (the first response, or the resolution if that came first).
     */
    public record InitialResponseView(
            String severity,
            String target,
            Instant startedAt,
            Instant dueAt,
            OffsetDateTime dueAtLocal,
            String timeZone,
            Instant warningAt,
            ResponseState state,
            Instant stoppedAt,
            Instant respondedAt,
            Instant breachedAt,
            String remaining,
            boolean warning) {}

    public record FollowUpView(Instant cycleStart, String state, Instant dueAt, String remaining) {}

    public record DowngradeView(String from, String to, Instant waitingSince, Instant dueAt, boolean due) {}
}
