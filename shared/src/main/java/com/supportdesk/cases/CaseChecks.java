package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.sla.ResponseState;
import com.supportdesk.sla.SlaEvaluator;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the desk must do on its own with one case, and when: a pure function of (policy, case, instant).
 * The SLA sweep records {@link #due()}; every write of the case stores {@link #indexCheck()} as the key of
 * the sweep's index, so the sweep comes back exactly when something falls due.
 *
 * <p>Everything is recomputed from the history under the given policy, never from stored due times.
 * An event is due when its clock has reached it and the history holds no entry of its type for the
 * same due instant. The rules:
 * <ul>
 *   <li><b>warning</b> while the initial-response clock runs past its warning instant, unless the breach
 *       is due too (a warning is never recorded after its breach);</li>
 *   <li><b>breach</b> once the initial-response due time passed without a first response, also when a
 *       late response came before the sweep saw it (then nobody is told: there is nothing left to do);</li>
 *   <li><b>follow-up overdue</b> when a follow-up cycle (severity A) ended without an agent update;</li>
 *   <li><b>downgrade notice</b> the policy's notice time before a downgrade, unless the downgrade is due too;</li>
 *   <li><b>downgrade</b> when the case waited for the customer past the policy's threshold;</li>
 *   <li><b>auto-close</b> when a resolved case had no customer reply for the policy's period.</li>
 * </ul>
 * Only active cases (open, in progress, awaiting the customer) get SLA entries; a resolved one can only
 * be closed.
 */
public final class CaseChecks {
    /** The entries the sweep writes, each unique per case, type and {@link #DUE_AT}. */
    public static final Set<CaseEventType> SWEEP_ENTRIES = EnumSet.of(
            CaseEventType.SLA_WARNING,
            CaseEventType.SLA_BREACHED,
            CaseEventType.FOLLOW_UP_OVERDUE,
            CaseEventType.DOWNGRADE_NOTICE,
            CaseEventType.SEVERITY_DOWNGRADED,
            CaseEventType.AUTO_CLOSED);

    /**
     * The version of these rules as far as they decide a case's index key. Raise it when a change makes
     * {@link #indexCheck()} differ for cases already stored: the sweep then recomputes every key once,
     * as it does after a policy change.
     */
    public static final int RULES_VERSION = 1;

    /** The detail of a sweep entry that holds the due instant it is about. */
    public static final String DUE_AT = "dueAt";

    private final SupportCase supportCase;
    private final SlaStatus status;
    private final List<DueEvent> due;
    private final Optional<Instant> next;

    private CaseChecks(SupportCase supportCase, SlaStatus status, List<DueEvent> due, Optional<Instant> next) {
        this.supportCase = supportCase;
        this.status = status;
        this.due = List.copyOf(due);
        this.next = next;
    }

    /**
     * The checks of a case as of {@code now}, or as of its last write if that is later (a history entry
     * written by a clock slightly ahead is still history).
     */
    public static CaseChecks of(SlaPolicies policies, SupportCase c, Instant now) {
        Instant asOf = c.updatedAt() != null && c.updatedAt().isAfter(now) ? c.updatedAt() : now;
        return of(policies, c, SlaEvaluator.evaluate(policies, CaseSla.timeline(c), asOf));
    }

    /** The checks of a case whose clocks were already evaluated ({@code status.asOf()} is the instant). */
    public static CaseChecks of(SlaPolicies policies, SupportCase c, SlaStatus status) {
        Objects.requireNonNull(policies, "policies");
        Instant asOf = status.asOf();
        List<DueEvent> due = new ArrayList<>();
        Stream.Builder<Instant> later = Stream.builder();
        status.nextCheckAt().ifPresent(later);
        if (CaseTransitions.isActive(c.status())) {
            initialResponse(c, status, due);
            followUp(c, status, due);
            downgrade(policies, c, status, due, later);
        } else if (c.status() == CaseStatus.RESOLVED) {
            autoClose(policies, c, asOf, due, later);
        }
        due.sort(Comparator.comparing(DueEvent::dueAt));
        Optional<Instant> next = later.build().filter(at -> at.isAfter(asOf)).min(Comparator.naturalOrder());
        return new CaseChecks(c, status, due, next);
    }

    /**
     * The sweep-index key of a case as just written: its last write when something is due already (the
     * sweep records it on its next run), else the next instant something falls due; empty when nothing ever
     * will, which keeps the case out of the sparse index.
     */
    public static Optional<Instant> indexCheck(SlaPolicies policies, SupportCase c, SlaStatus status) {
        return of(policies, c, status).indexCheck();
    }

    /** The instant the clocks were evaluated at. */
    public Instant asOf() {
        return status.asOf();
    }

    public SupportCase supportCase() {
        return supportCase;
    }

    /** The clocks as of {@link #asOf()}. */
    public SlaStatus status() {
        return status;
    }

    /** What falls due at or before {@link #asOf()} and is not recorded yet, oldest first. */
    public List<DueEvent> due() {
        return due;
    }

    /** The first instant after {@link #asOf()} at which something more falls due, if the case does not change. */
    public Optional<Instant> next() {
        return next;
    }

    /** {@link #asOf()} when something is due, else {@link #next()}: when the sweep should look at the case. */
    public Optional<Instant> indexCheck() {
        return due.isEmpty() ? next : Optional.of(asOf());
    }

    // ------------------------------------------------------------------ the rules

    private static void initialResponse(SupportCase c, SlaStatus status, List<DueEvent> due) {
        SlaStatus.InitialResponse clock = status.initialResponse();
        if (clock.state() == ResponseState.BREACHED && clock.breachedAt().isPresent()) {
            Instant dueAt = clock.breachedAt().get();
            if (!recorded(c, CaseEventType.SLA_BREACHED, dueAt)) {
                due.add(new DueEvent.Breach(clock.severity(), dueAt, clock.stoppedAt()));
            }
        } else if (clock.state() == ResponseState.RUNNING && clock.warning()) {
            if (!recorded(c, CaseEventType.SLA_WARNING, clock.dueAt())) {
                due.add(new DueEvent.Warning(clock.severity(), clock.warningAt(), clock.dueAt()));
            }
        }
    }

    private static void followUp(SupportCase c, SlaStatus status, List<DueEvent> due) {
        status.followUp()
                .filter(f -> f.state() == SlaStatus.FollowUpState.OVERDUE)
                .ifPresent(f -> f.dueAt().ifPresent(dueAt -> {
                    if (!recorded(c, CaseEventType.FOLLOW_UP_OVERDUE, dueAt)) {
                        due.add(new DueEvent.FollowUpOverdue(status.severity(), f.cycleStart(), dueAt));
                    }
                }));
    }

    private static void downgrade(
            SlaPolicies policies, SupportCase c, SlaStatus status, List<DueEvent> due, Stream.Builder<Instant> later) {
        Optional<SlaStatus.Downgrade> pending = status.downgrade();
        if (pending.isEmpty()) {
            return;
        }
        SlaStatus.Downgrade d = pending.get();
        if (d.due()) {
            if (!recorded(c, CaseEventType.SEVERITY_DOWNGRADED, d.dueAt())) {
                due.add(new DueEvent.Downgrade(d.from(), d.to(), d.waitingSince(), d.dueAt()));
            }
            return; // a notice after the fact would promise what can no longer be kept
        }
        Duration lead = policies.downgradeNotice();
        if (lead.isZero()) {
            return;
        }
        Instant noticeAt = noticeAt(d, lead);
        if (noticeAt.isAfter(status.asOf())) {
            later.add(noticeAt);
        } else if (!recorded(c, CaseEventType.DOWNGRADE_NOTICE, d.dueAt())) {
            due.add(new DueEvent.DowngradeNotice(d.from(), d.to(), d.waitingSince(), d.dueAt()));
        }
    }

    /** The notice time before the downgrade, but never before the wait began. */
    static Instant noticeAt(SlaStatus.Downgrade d, Duration lead) {
        Instant at = d.dueAt().minus(lead);
        return at.isBefore(d.waitingSince()) ? d.waitingSince() : at;
    }

    private static void autoClose(
            SlaPolicies policies, SupportCase c, Instant asOf, List<DueEvent> due, Stream.Builder<Instant> later) {
        Optional<Instant> resolvedAt = c.history().stream()
                .filter(e -> e.type() == CaseEventType.STATUS_CHANGED && e.status() == CaseStatus.RESOLVED)
                .map(CaseEvent::at)
                .max(Comparator.naturalOrder());
        if (resolvedAt.isEmpty()) {
            return;
        }
        boolean replied = c.history().stream()
                .anyMatch(e -> e.type() == CaseEventType.CUSTOMER_REPLIED && e.at().isAfter(resolvedAt.get()));
        if (replied) {
            return; // the customer is still talking: an agent decides
        }
        Instant closeAt = resolvedAt.get().plus(policies.autoCloseAfter());
        if (closeAt.isAfter(asOf)) {
            later.add(closeAt);
        } else if (!recorded(c, CaseEventType.AUTO_CLOSED, closeAt)) {
            due.add(new DueEvent.AutoClose(resolvedAt.get(), closeAt));
        }
    }

    /** Whether the history already holds the sweep's entry of this type for this due instant. */
    public static boolean recorded(SupportCase c, CaseEventType type, Instant dueAt) {
        for (CaseEvent e : c.history()) {
            if (e.type() == type && dueAt.equals(dueAtOf(e).orElse(null))) {
                return true;
            }
        }
        return false;
    }

    /** The due instant a sweep entry is about. */
    public static Optional<Instant> dueAtOf(CaseEvent e) {
        String raw = e.details().get(DUE_AT);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }
}
