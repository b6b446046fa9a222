package com.supportdesk.reports;

import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.StoredCase;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.runtime.Log;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the SLA report's daily aggregates up to date from the notifications topic (decision 0016). Every
 * change the report counts already publishes a notification request about its case through the case's
 * outbox (at least once, never lost): the acknowledgement of a new case, an agent's response, a breach, a
 * downgrade, the survey invitation, a rating. For each request about a case, the aggregator reads the case
 * and applies every fact its history holds ({@link ReportFacts}); facts already counted are refused by the
 * aggregate's condition. So a request delivered twice, out of order or late counts nothing twice, and a
 * fact whose own request was lost is counted with the case's next one.
 */
public final class ReportAggregator {
    /** What became of one message. */
    public enum Outcome {
        /** Facts were applied (or all were counted already). */
        COUNTED,
        /** Nothing to count: not about a case, or the case does not exist. */
        IGNORED,
        /** Not readable as a notification request: the queue delivers it again and then dead-letters it. */
        REJECTED
    }

    private final CaseRepository cases;
    private final CaseSla sla;
    private final SlaReportStore store;
    private final Clock clock;

    public ReportAggregator(CaseRepository cases, CaseSla sla, SlaReportStore store, Clock clock) {
        this.cases = cases;
        this.sla = sla;
        this.store = store;
        this.clock = clock;
    }

    /** Handles one message body; a failure of DynamoDB is thrown, for the queue to deliver the message again. */
    public Outcome handle(String body) {
        NotificationRequest request;
        try {
            request = Json.MAPPER.readValue(body, NotificationRequest.class);
        } catch (IOException | RuntimeException e) {
            Log.info("report_message_rejected", Map.of("problem", "not a notification request"));
            return Outcome.REJECTED;
        }
        if (!NotificationRequest.SCHEMA.equals(request.schema()) || request.version() != NotificationRequest.VERSION) {
            Log.info("report_message_rejected", Map.of("problem", "schema or version"));
            return Outcome.REJECTED;
        }
        if (request.caseId() == null) {
            return Outcome.IGNORED; // a verification notice: no case, nothing the report counts
        }
        Optional<StoredCase> found = cases.find(request.caseId());
        if (found.isEmpty() || !found.get().supportCase().tenantId().equals(request.tenantId())) {
            Log.info(
                    "report_case_unknown",
                    Map.of("caseId", request.caseId(), "notificationId", request.notificationId()));
            return Outcome.IGNORED;
        }
        int counted = count(found.get().supportCase());
        Log.info(
                "report_facts_counted",
                Map.of("caseId", request.caseId(), "notificationId", request.notificationId(), "counted", counted));
        return Outcome.COUNTED;
    }

    /** Applies every fact of the case that is not counted yet; returns how many this call counted. */
    public int count(SupportCase c) {
        Instant now = clock.instant();
        Instant asOf = c.updatedAt() != null && c.updatedAt().isAfter(now) ? c.updatedAt() : now;
        List<ReportFact> facts = ReportFacts.of(c, sla.status(c, asOf));
        return store.apply(facts);
    }
}
