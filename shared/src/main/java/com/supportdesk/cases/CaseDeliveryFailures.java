package com.supportdesk.cases;

import com.supportdesk.persistence.ConflictRetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records on a case that one of its notifications could not be delivered (the provider rejected the
 * contact's address or number for good), as a {@link CaseEventType#NOTIFICATION_UNDELIVERABLE} history
 * entry by the desk itself: agents see it with the case and can reach the customer another way.
 *
 * <p>The case is rewritten whole on every update, so the fact lives in the history, and the write is
 * the usual optimistic one: a lost race re-reads and tries again. An entry with the same reason is not
 * written twice, so a request the queue delivers again records its failure once.
 */
public final class CaseDeliveryFailures {
    private final CaseRepository cases;

    public CaseDeliveryFailures(CaseRepository cases) {
        this.cases = cases;
    }

    /**
     * @param reason what could not be delivered to whom, masked (never the address itself), and why
     * @return false when there is no such case
     * @throws IllegalStateException when the case kept changing under every attempt
     */
    public boolean record(String caseId, String reason, Instant at) {
        return ConflictRetry.DEFAULT
                .run(() -> recordOnce(caseId, reason, at))
                .orElseThrow(() -> new IllegalStateException(
                        "Case " + caseId + " changed under every attempt to record a failed delivery"));
    }

    /** Empty when the write lost a race. */
    private Optional<Boolean> recordOnce(String caseId, String reason, Instant at) {
        var stored = cases.find(caseId);
        if (stored.isEmpty()) {
            return Optional.of(false);
        }
        SupportCase current = stored.get().supportCase();
        boolean recorded = current.history().stream()
                .anyMatch(e -> e.type() == CaseEventType.NOTIFICATION_UNDELIVERABLE && reason.equals(e.reason()));
        if (recorded) {
            return Optional.of(true);
        }
        // history stays in order even when this clock is a little behind the last writer's
        Instant when = current.updatedAt() != null && current.updatedAt().isAfter(at) ? current.updatedAt() : at;
        List<CaseEvent> entry = new ArrayList<>();
        entry.add(new CaseEvent(
                CaseEventType.NOTIFICATION_UNDELIVERABLE,
                when,
                Actor.SYSTEM_SUBJECT,
                Actor.SYSTEM,
                reason,
                null,
                null,
                null,
                null));
        SupportCase next = current.next(when, current.severity(), current.status(), entry);
        // the outbox goes with the case item: keep whatever is still waiting to be published
        return cases.update(next, Map.copyOf(stored.get().outbox())) ? Optional.of(true) : Optional.empty();
    }
}
