package com.supportdesk.sweep;

import com.supportdesk.cases.CaseChecks;
import com.supportdesk.cases.CaseOutbox;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.CaseSweepStore.CaseRow;
import com.supportdesk.cases.CaseSweepStore.Cursor;
import com.supportdesk.cases.CaseSweepStore.DueKey;
import com.supportdesk.cases.CaseSweepStore.DuePage;
import com.supportdesk.cases.CaseSweepStore.Rekey;
import com.supportdesk.cases.CaseSweepStore.State;
import com.supportdesk.cases.DueEvent;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.persistence.ConflictRetry;
import com.supportdesk.runtime.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The scheduled SLA sweep: records on every case whose clock is due what the clock did (warning, breach,
 * overdue follow-up, downgrade notice, downgrade, auto-close) and queues who must be told, exactly once,
 * however many runs overlap and wherever one stops.
 *
 * <p>A run:
 * <ol>
 *   <li>reads the SLA policy again ({@link SweepPolicy}), so a changed policy applies from this run on;</li>
 *   <li>reads the due keys of the sparse {@code byNextCheck} index, hour bucket by hour bucket from the
 *       watermark to now, oldest first: the items it reads grow with the due clocks, not the open cases;</li>
 *   <li>for each due case: reads it, computes what is due under the current policy ({@link SweepClaim})
 *       and claims it with one write conditional on the version it read, holding the history entries and
 *       the notification requests in the case's outbox; a run that loses the race reads the case again and
 *       finds the entries there. Only then does it publish, and a request leaves the outbox only once SNS
 *       accepted it. A request someone else left in an outbox (a run or a function that stopped between
 *       its write and its publish) is published again once it is older than the settings' grace, by the
 *       one run that takes a short lease on that outbox;</li>
 *   <li>moves the watermark past the buckets it emptied, at least the settings' margin after they ended;</li>
 *   <li>after a policy change, recomputes the index key of every active case, a page at a time across
 *       runs, so a due time the new policy moved earlier is not found late;</li>
 *   <li>logs one summary line with its metrics.</li>
 * </ol>
 * It starts no case with less than the settings' reserve of time left; what is left is the next run's.
 * It knows nothing of Lambda: the caller says how much time is left.
 */
public final class SlaSweep {
    /** The partitions of {@code byStatus} a recomputation walks: every case that can still fall due. */
    static final List<CaseStatus> REKEY_ORDER =
            List.of(CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER, CaseStatus.RESOLVED);

    private final CaseRepository cases;
    private final CaseSweepStore store;
    private final SweepPolicy policy;
    private final NotificationPublisher publisher;
    private final SweepSettings settings;
    private final Clock clock;

    /**
     * @param cases     writes whole cases; its {@code CaseSla} must read {@code policy}, so the index keys it
     *                  stores follow the policy of the run
     */
    public SlaSweep(
            CaseRepository cases,
            CaseSweepStore store,
            SweepPolicy policy,
            NotificationPublisher publisher,
            SweepSettings settings,
            Clock clock) {
        this.cases = cases;
        this.store = store;
        this.policy = policy;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs once; {@code timeLeft} says how much time the invocation has left. */
    public SweepReport run(Supplier<Duration> timeLeft) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        SweepReport.Tally tally = new SweepReport.Tally(now);
        Budget budget = new Budget(timeLeft, settings.timeReserve());
        SweepPolicy.Loaded loaded = policy.refresh();
        tally.policy = loaded.fingerprint();
        State state = store.state();
        sweepDue(now, state, budget, tally);
        if (!tally.leftForNextRun) {
            rekey(loaded.fingerprint(), state, budget, tally);
        }
        SweepReport report = tally.finish(Duration.ofNanos(System.nanoTime() - started));
        Log.info("sla_sweep_run", report.logLine());
        return report;
    }

    // ------------------------------------------------------------------ due clocks

    private void sweepDue(Instant now, State state, Budget budget, SweepReport.Tally tally) {
        String current = CaseSweepStore.bucketOf(now);
        String from =
                state.watermark().orElseGet(() -> CaseSweepStore.bucketOf(now.minus(settings.firstRunLookback())));
        if (from.compareTo(current) > 0) {
            from = current; // a clock set back (locally): start from its present
        }
        Instant settled = now.minus(settings.lateWriteMargin());
        String watermark = from;
        boolean advancing = true;
        Set<String> seen = new HashSet<>();
        for (String bucket = from; bucket.compareTo(current) <= 0; bucket = CaseSweepStore.following(bucket)) {
            boolean drained = true;
            Optional<Cursor> cursor = Optional.empty();
            do {
                if (!budget.allows()) {
                    tally.leftForNextRun = true;
                    break;
                }
                DuePage page = store.due(bucket, now, settings.pageSize(), cursor);
                tally.bucketsQueried++;
                tally.indexItemsRead += page.itemsRead();
                for (DueKey key : page.keys()) {
                    if (!seen.add(key.caseId())) {
                        continue; // handled earlier in this run; its new key is at least its write time
                    }
                    if (!budget.allows()) {
                        tally.leftForNextRun = true;
                        break;
                    }
                    tally.due(key.checkAt());
                    drained &= handle(key.caseId(), tally);
                }
                cursor = page.next();
            } while (cursor.isPresent() && !tally.leftForNextRun);
            if (tally.leftForNextRun) {
                break;
            }
            String following = CaseSweepStore.following(bucket);
            // the watermark passes a bucket only when nothing due is left in it and no late write can arrive
            advancing &= drained && !CaseSweepStore.startOf(following).isAfter(settled);
            if (advancing) {
                watermark = following;
            }
        }
        if (watermark.compareTo(from) > 0) {
            store.advanceWatermark(watermark);
        }
        tally.watermark = watermark;
    }

    /**
     * Records what is due on one case and publishes its requests.
     *
     * @return whether its index entry has left the due range (false: the next run must see it again)
     */
    private boolean handle(String caseId, SweepReport.Tally tally) {
        try {
            return ConflictRetry.DEFAULT
                    .run(() -> {
                        Optional<CaseRow> read = store.read(caseId);
                        tally.casesRead++;
                        if (read.isEmpty()) {
                            return Optional.of(true); // gone, and its index entry with it
                        }
                        Optional<Boolean> done = settle(read.get(), tally);
                        if (done.isEmpty()) {
                            tally.conflicts++;
                        }
                        return done;
                    })
                    .orElse(false); // a case busy under every attempt: the next run tries again
        } catch (RuntimeException e) {
            tally.errors++;
            Log.error(
                    "sla_sweep_case_failed",
                    Map.of("caseId", caseId, "exception", e.getClass().getName()),
                    e);
            try {
                return store.postpone(caseId, clock.instant().plus(settings.retryAfterError()));
            } catch (RuntimeException again) {
                return false;
            }
        }
    }

    /** One attempt on a case as read; empty when the claim lost a race and the case must be read again. */
    private Optional<Boolean> settle(CaseRow row, SweepReport.Tally tally) {
        SupportCase read = row.supportCase();
        Instant now = clock.instant();
        SweepClaim claim = SweepClaim.of(policy.get(), read, now);
        Map<String, NotificationRequest> outbox = new LinkedHashMap<>(row.outbox());
        List<NotificationRequest> toPublish = new ArrayList<>();
        long version = read.version();
        Optional<Instant> stored = row.checkAt();
        if (claim.claims()) {
            claim.requests().forEach(r -> outbox.put(r.notificationId(), r));
            if (!cases.update(claim.next(), outbox)) {
                return Optional.empty();
            }
            claim.events().stream().map(DueEvent::type).forEach(tally::recorded);
            toPublish.addAll(claim.requests());
            version = claim.next().version();
            stored = Optional.of(claim.next().updatedAt()); // what the write stored: its outbox is not empty
        }
        Instant at = claim.after().asOf();
        boolean waiting = false; // a request someone else is still publishing
        List<NotificationRequest> stale = new ArrayList<>();
        for (NotificationRequest r : row.outbox().values()) {
            if (r.occurredAt() == null || !r.occurredAt().isAfter(at.minus(settings.republishAfter()))) {
                stale.add(r); // its writer stopped before publishing it, or SNS refused it then
            } else {
                waiting = true;
            }
        }
        if (!stale.isEmpty()) {
            // of the runs that find them at once, the one holding the lease publishes them
            if (store.leaseRepair(read.caseId(), at, at.plus(settings.republishAfter()))) {
                toPublish.addAll(stale);
            } else {
                waiting = true;
            }
        }
        int failed = 0;
        for (NotificationRequest r : toPublish) {
            if (publish(read.caseId(), r)) {
                tally.published++;
            } else {
                tally.publishFailures++;
                failed++;
            }
        }
        if (failed == 0 && waiting) {
            return Optional.of(false); // its writer publishes it; if it stopped, the next run sees the key again
        }
        // everything published: the next check; else try again on the next run, from the current bucket
        Optional<Instant> desired = failed == 0 ? claim.after().indexCheck() : Optional.of(at);
        if (!sameKey(desired, stored)) {
            // a lost condition means someone wrote the case since, and their write stored its own key
            store.setCheck(read.caseId(), version, desired, failed == 0);
        }
        return Optional.of(true);
    }

    /** Publishes a request from a case's outbox; the outbox entry goes only once SNS accepted it. */
    private boolean publish(String caseId, NotificationRequest request) {
        Accepted accepted = new Accepted(publisher);
        new CaseOutbox(cases, accepted).publish(caseId, List.of(request));
        return accepted.accepted;
    }

    /** Remembers whether the publisher took the request (the outbox logs and keeps it when not). */
    private static final class Accepted implements NotificationPublisher {
        private final NotificationPublisher publisher;
        boolean accepted;

        Accepted(NotificationPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void publish(NotificationRequest request) {
            publisher.publish(request);
            accepted = true;
        }
    }

    // ------------------------------------------------------------------ after a policy change

    /**
     * Recomputes the index key of every case that can still fall due, under the run's policy, when the keys
     * were computed under another one (or none: the first run). A page at a time, resumable across runs.
     */
    private void rekey(String fingerprint, State state, Budget budget, SweepReport.Tally tally) {
        Optional<Rekey> underWay = state.rekey().filter(r -> r.policy().equals(fingerprint));
        if (underWay.isEmpty()
                && state.indexedUnder().filter(fingerprint::equals).isPresent()) {
            return;
        }
        Rekey at = underWay.orElse(new Rekey(fingerprint, REKEY_ORDER.get(0), Optional.empty()));
        tally.rekeyPending = true;
        while (budget.allows()) {
            CaseSweepStore.CasePage page = store.byStatus(at.status(), settings.rekeyPageSize(), at.start());
            tally.rekeyItemsRead += page.itemsRead();
            Instant now = clock.instant();
            for (CaseRow row : page.cases()) {
                if (!row.outbox().isEmpty()) {
                    continue; // due at once anyway, for its outbox
                }
                SupportCase c = row.supportCase();
                try {
                    Optional<Instant> desired =
                            CaseChecks.of(policy.get(), c, now).indexCheck();
                    if (!sameKey(desired, row.checkAt()) && store.setCheck(c.caseId(), c.version(), desired, true)) {
                        tally.rekeyed++;
                    }
                } catch (RuntimeException e) {
                    // its key stays; the due pass postpones it each time it comes due, with the error logged
                    tally.errors++;
                    Log.error(
                            "sla_sweep_rekey_failed",
                            Map.of(
                                    "caseId",
                                    c.caseId(),
                                    "exception",
                                    e.getClass().getName()),
                            e);
                }
            }
            if (page.next().isPresent()) {
                at = new Rekey(fingerprint, at.status(), page.next());
            } else {
                int i = REKEY_ORDER.indexOf(at.status());
                if (i == REKEY_ORDER.size() - 1) {
                    store.rekeyDone(fingerprint);
                    tally.rekeyPending = false;
                    return;
                }
                at = new Rekey(fingerprint, REKEY_ORDER.get(i + 1), Optional.empty());
            }
            store.saveRekey(at);
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** Whether two next checks make the same index key, which holds milliseconds (clocks have nanoseconds). */
    static boolean sameKey(Optional<Instant> a, Optional<Instant> b) {
        return a.map(t -> t.truncatedTo(ChronoUnit.MILLIS)).equals(b.map(t -> t.truncatedTo(ChronoUnit.MILLIS)));
    }

    /** How much of the invocation is left, and how much the run keeps in reserve. */
    private record Budget(Supplier<Duration> timeLeft, Duration reserve) {
        boolean allows() {
            return timeLeft.get().compareTo(reserve) > 0;
        }
    }
}
