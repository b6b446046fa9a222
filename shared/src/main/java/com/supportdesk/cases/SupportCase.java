package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A support case as stored: what the admin submitted, where it stands, and its full history.
 * {@code version} increases with every write; a write names the version it read.
 *
 * @param openedVia {@code ONLINE} (an admin) or {@code PHONE} (an agent holding a verification grant)
 * @param incidentIds active service-health incidents of the case's service when it was opened
 * @param suggestionsShown whether help articles were shown before the case was opened; {@code null} when
 *     the client did not say (and for cases opened before it could)
 */
public record SupportCase(
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
        List<CaseEvent> history,
        OpenedVia openedVia,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        Boolean suggestionsShown) {

    public SupportCase {
        incidentIds = List.copyOf(incidentIds);
        history = List.copyOf(history);
    }

    /** The first agent response, which stopped the initial-response clock. */
    public Optional<Instant> firstResponseAt() {
        return history.stream()
                .filter(e -> e.type() == CaseEventType.AGENT_RESPONDED)
                .map(CaseEvent::at)
                .findFirst();
    }

    /** The agent who owns the case (their token subject), as its latest {@link CaseEventType#OWNER_ASSIGNED} says. */
    public Optional<String> owner() {
        String owner = null;
        for (CaseEvent e : history) {
            if (e.type() == CaseEventType.OWNER_ASSIGNED) {
                owner = e.details().get(CaseEvent.OWNER);
            }
        }
        return Optional.ofNullable(owner);
    }

    /** Where the case stands: {@link EscalationLevel#FIRST} until an agent escalates it. */
    public EscalationLevel escalationLevel() {
        EscalationLevel level = EscalationLevel.FIRST;
        for (CaseEvent e : history) {
            if (e.type() == CaseEventType.ESCALATION_CHANGED) {
                level = EscalationLevel.valueOf(e.details().get(CaseEvent.LEVEL));
            }
        }
        return level;
    }

    /** A copy with more history, a new severity and status, one version on. */
    public SupportCase next(Instant now, Severity newSeverity, CaseStatus newStatus, List<CaseEvent> events) {
        List<CaseEvent> all = new ArrayList<>(history);
        all.addAll(events);
        return new SupportCase(
                caseId,
                tenantId,
                category,
                service,
                title,
                description,
                newSeverity,
                businessImpact,
                contact,
                newStatus,
                incidentIds,
                all,
                openedVia,
                version + 1,
                createdAt,
                createdBy,
                now,
                suggestionsShown);
    }
}
