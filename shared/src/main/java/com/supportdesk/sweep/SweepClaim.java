package com.supportdesk.sweep;

import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseChecks;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.DueEvent;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The write that claims what is due on a case: the next version of the case with one history entry per
 * due event (when, why, who was told and the clocks after it) and the notification requests for its
 * outbox. A pure function of (policy, case, now); the sweep writes it conditionally on the version it
 * read, so of any number of sweeps that compute it, one writes it and the others see it in the history.
 *
 * @param next     the case to write, or the case as read when nothing is due
 * @param events   what the entries record, oldest due instant first; empty when nothing is due
 * @param requests the notification requests, for the outbox of the same write
 * @param after    the checks of {@code next}: when the sweep should look at it again
 */
record SweepClaim(SupportCase next, List<DueEvent> events, List<NotificationRequest> requests, CaseChecks after) {

    /** A change can make something else due at once (never more than a few rounds: each one records). */
    private static final int ROUNDS = 4;

    SweepClaim {
        events = List.copyOf(events);
        requests = List.copyOf(requests);
    }

    boolean claims() {
        return !events.isEmpty();
    }

    static SweepClaim of(SlaPolicies policies, SupportCase c, Instant now) {
        CaseChecks checks = CaseChecks.of(policies, c, now);
        Instant at = checks.asOf();
        List<DueEvent> events = new ArrayList<>();
        List<CaseEvent> entries = new ArrayList<>();
        List<NotificationRequest> requests = new ArrayList<>();
        Severity severity = c.severity();
        CaseStatus status = c.status();
        for (int round = 0; round < ROUNDS && !checks.due().isEmpty(); round++) {
            for (DueEvent event : checks.due()) {
                SupportCase before = c.next(at, severity, status, entries);
                List<Recipient> told = SweepNotices.recipients(before, event);
                requests.addAll(SweepNotices.requests(before, event, told, at));
                if (event instanceof DueEvent.Downgrade d) {
                    severity = d.to();
                } else if (event instanceof DueEvent.AutoClose) {
                    status = CaseStatus.CLOSED;
                }
                CaseEvent bare = entry(event, at, told, Map.of());
                SupportCase applied = c.next(at, severity, status, append(entries, bare));
                entries.add(entry(event, at, told, clocks(CaseChecks.of(policies, applied, at))));
                events.add(event);
            }
            checks = CaseChecks.of(policies, c.next(at, severity, status, entries), at);
        }
        if (events.isEmpty()) {
            return new SweepClaim(c, List.of(), List.of(), checks);
        }
        SupportCase next = c.next(at, severity, status, entries);
        return new SweepClaim(next, events, requests, CaseChecks.of(policies, next, at));
    }

    private static List<CaseEvent> append(List<CaseEvent> entries, CaseEvent entry) {
        List<CaseEvent> all = new ArrayList<>(entries);
        all.add(entry);
        return all;
    }

    /** The history entry of {@code event}: the desk's own, with its due instant and who was told. */
    private static CaseEvent entry(DueEvent event, Instant at, List<Recipient> told, Map<String, String> clocks) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(CaseChecks.DUE_AT, event.dueAt().toString());
        details.put(
                "notified",
                told.isEmpty() ? "none" : told.stream().map(SweepNotices::label).collect(Collectors.joining(",")));
        details.putAll(clocks);
        Severity severity = null;
        CaseStatus status = null;
        String from = null;
        if (event instanceof DueEvent.Downgrade d) {
            severity = d.to();
            from = d.from().name();
        } else if (event instanceof DueEvent.AutoClose) {
            status = CaseStatus.CLOSED;
            from = CaseStatus.RESOLVED.name();
        }
        return new CaseEvent(
                event.type(),
                at,
                Actor.SYSTEM_SUBJECT,
                Actor.SYSTEM,
                reason(event),
                severity,
                status,
                from,
                null,
                details);
    }

    /** The clocks after an entry, for whoever reads the history later. */
    private static Map<String, String> clocks(CaseChecks after) {
        Map<String, String> clocks = new LinkedHashMap<>();
        SlaStatus s = after.status();
        clocks.put("responseState", s.initialResponse().state().name());
        clocks.put("responseDueAt", s.initialResponse().dueAt().toString());
        s.followUp().flatMap(SlaStatus.FollowUp::dueAt).ifPresent(d -> clocks.put("followUpDueAt", d.toString()));
        s.downgrade().ifPresent(d -> clocks.put("downgradeAt", d.dueAt().toString()));
        after.indexCheck().ifPresent(n -> clocks.put("nextCheckAt", n.toString()));
        return clocks;
    }

    /** Why, in words for the agents reading the history (the admin's message comes from a template). */
    static String reason(DueEvent event) {
        return switch (event) {
            case DueEvent.Warning w ->
                "Initial response (severity " + w.severity() + ") due at " + w.dueAt() + "; the warning threshold"
                        + " was reached at " + w.warningAt() + ".";
            case DueEvent.Breach b ->
                b.stoppedAt()
                        .map(stop -> "Initial response due at " + b.dueAt() + " came late, at " + stop
                                + "; recorded without notices.")
                        .orElse("No first response by the initial-response due time " + b.dueAt() + " (severity "
                                + b.severity() + ").");
            case DueEvent.FollowUpOverdue f ->
                "No agent update since " + f.cycleStart() + "; the severity " + f.severity() + " follow-up was due at "
                        + f.dueAt() + ".";
            case DueEvent.DowngradeNotice n ->
                "Waiting for the customer since " + n.waitingSince() + "; severity " + n.from() + " drops to " + n.to()
                        + " at " + n.dueAt() + " unless the customer replies or names a reachable contact.";
            case DueEvent.Downgrade d ->
                "Waited for the customer from " + d.waitingSince() + " until " + d.dueAt() + ", longer than the policy"
                        + " allows at severity " + d.from() + ": lowered to " + d.to()
                        + " (support policy, footnote 1); clocks recomputed from the history.";
            case DueEvent.AutoClose a ->
                "Resolved at " + a.resolvedAt() + " with no customer reply until " + a.dueAt() + ": closed.";
        };
    }

    /** The claim's next check, for the index once its outbox is published. */
    Optional<Instant> nextCheck() {
        return after.indexCheck();
    }
}
