package com.supportdesk.reports;

import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.SatisfactionSurvey;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts the SLA report counts, derived from a case's history (the source of truth, decision 0004) and
 * its clocks. A pure function: deriving again later gives the same facts plus the new ones, with the same
 * ids, so the aggregates can be brought up to date from any message about the case, in any order.
 *
 * <ul>
 *   <li>{@code O} opened: {@code opened} +1;</li>
 *   <li>{@code I} the initial response's outcome, once it is known: {@code met} or {@code breached} +1 (MET
 *       when an agent responded by the due time; BREACHED once the due time passed without one, whether the
 *       response came later or not yet; a case resolved or cancelled before its due time without a response
 *       counts as neither);</li>
 *   <li>{@code F} the first response: {@code responded} +1 and +1 in its wait's bucket (wall-clock time
 *       from opening, what the customer lived through, as the expected wait of the support options);</li>
 *   <li>{@code D1}, {@code D2}, … each downgrade the sweep recorded: {@code downgrades} +1;</li>
 *   <li>{@code R1}, {@code R2}, … each rating: the first adds {@code ratings} +1 and its score to
 *       {@code ratingSum}; a change adds the difference to the previous score.</li>
 * </ul>
 */
public final class ReportFacts {
    public static final String OPENED = "opened";
    public static final String MET = "met";
    public static final String BREACHED = "breached";
    public static final String RESPONDED = "responded";
    public static final String DOWNGRADES = "downgrades";
    public static final String RATINGS = "ratings";
    public static final String RATING_SUM = "ratingSum";

    /** Every counter name but the buckets. */
    static final List<String> COUNTERS = List.of(OPENED, MET, BREACHED, RESPONDED, DOWNGRADES, RATINGS, RATING_SUM);

    private ReportFacts() {}

    /** The key every fact of the case counts on: its opening day, tenant, severity as opened, category. */
    public static ReportKey keyOf(SupportCase c) {
        return new ReportKey(ReportKey.dayOf(c.createdAt()), c.tenantId(), openedAs(c), c.category());
    }

    /**
     * @param status the case's clocks (evaluated at any instant at or after its last write)
     */
    public static List<ReportFact> of(SupportCase c, SlaStatus status) {
        ReportKey key = keyOf(c);
        String id = c.caseId() + ":";
        List<ReportFact> facts = new ArrayList<>();
        facts.add(new ReportFact(id + "O", key, Map.of(OPENED, 1L)));
        switch (status.initialResponse().state()) {
            case MET -> facts.add(new ReportFact(id + "I", key, Map.of(MET, 1L)));
            case BREACHED -> facts.add(new ReportFact(id + "I", key, Map.of(BREACHED, 1L)));
            default -> {
                // running, or stopped without a response: no outcome (yet)
            }
        }
        c.firstResponseAt().ifPresent(at -> facts.add(firstResponse(id, key, c.createdAt(), at)));
        int downgrades = 0;
        for (CaseEvent e : c.history()) {
            if (e.type() == CaseEventType.SEVERITY_DOWNGRADED) {
                downgrades++;
                facts.add(new ReportFact(id + "D" + downgrades, key, Map.of(DOWNGRADES, 1L)));
            }
        }
        List<SatisfactionSurvey.Given> ratings = SatisfactionSurvey.ratings(c);
        for (int i = 0; i < ratings.size(); i++) {
            long score = ratings.get(i).rating();
            Map<String, Long> add = new LinkedHashMap<>();
            if (i == 0) {
                add.put(RATINGS, 1L);
                add.put(RATING_SUM, score);
            } else {
                add.put(RATING_SUM, score - ratings.get(i - 1).rating());
            }
            facts.add(new ReportFact(id + "R" + (i + 1), key, add));
        }
        return facts;
    }

    private static ReportFact firstResponse(String id, ReportKey key, Instant openedAt, Instant respondedAt) {
        int bucket = FirstResponseBuckets.bucket(Duration.between(openedAt, respondedAt));
        return new ReportFact(id + "F", key, Map.of(RESPONDED, 1L, FirstResponseBuckets.name(bucket), 1L));
    }

    private static Severity openedAs(SupportCase c) {
        Optional<Severity> submitted = c.history().stream()
                .filter(e -> e.type() == CaseEventType.SUBMITTED && e.severity() != null)
                .map(CaseEvent::severity)
                .findFirst();
        return submitted.orElse(c.severity());
    }
}
