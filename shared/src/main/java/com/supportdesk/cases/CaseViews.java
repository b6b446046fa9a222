package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.ResponseState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shapes the case API answers with. */
public final class CaseViews {
    private CaseViews() {}

    /** History entries only agents see: how the desk routes a case among its people (decision 0014). */
    public static final java.util.Set<CaseEventType> AGENTS_ONLY =
            java.util.EnumSet.of(CaseEventType.OWNER_ASSIGNED, CaseEventType.ESCALATION_CHANGED);

    /**
     * {@code GET /cases/{caseId}}: the case, its SLA state recomputed now, and its history with messages;
     * {@code owner} (agents only: absent for administrators and while nobody owns it) and the escalation level.
     */
    public record Detail(
            String caseId,
            String tenantId,
            Category category,
            ServiceName service,
            String title,
            String description,
            Severity severity,
            String businessImpact,
            CaseContact contact,
            CaseStatus status,
            List<String> incidentIds,
            OpenedVia openedVia,
            Boolean suggestionsShown,
            long version,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            CaseSla.View sla,
            List<HistoryEntry> history,
            String owner,
            EscalationLevel escalationLevel,
            SatisfactionSurvey.Satisfaction satisfaction) {}

    /**
     * One history entry; {@code message} is the text of a response or reply; {@code details} what an entry
     * of the SLA sweep records (the due instant, who was told, the clocks after it), absent otherwise.
     */
    public record HistoryEntry(
            CaseEventType type,
            Instant at,
            String by,
            Actor role,
            String reason,
            Severity severity,
            CaseStatus status,
            String from,
            String message,
            Map<String, String> details) {}

    /** One row of a list; {@code owner} as in {@link Detail}. */
    public record Summary(
            String caseId,
            String tenantId,
            Category category,
            ServiceName service,
            String title,
            Severity severity,
            CaseStatus status,
            Instant createdAt,
            Instant updatedAt,
            ResponseSummary initialResponse,
            String owner,
            EscalationLevel escalationLevel) {}

    public record ResponseSummary(ResponseState state, Instant dueAt, boolean warning, String remaining) {}

    /** A page of cases; {@code nextToken} is absent on the last page. */
    public record CaseList(List<Summary> cases, String nextToken) {}
}
