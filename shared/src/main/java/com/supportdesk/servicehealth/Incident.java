package com.supportdesk.servicehealth;

import com.supportdesk.model.ServiceName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service-health incident shown to admins before they open a case, and linked to new cases.
 *
 * @param updates the timeline operators wrote, oldest first
 */
public record Incident(
        String incidentId,
        ServiceName service,
        String title,
        String description,
        IncidentStatus status,
        Instant startedAt,
        Instant resolvedAt,
        long version,
        Instant updatedAt,
        String updatedBy,
        List<IncidentUpdate> updates) {

    /** An operator can say a lot during a long incident; an item must stay well under DynamoDB's 400 KB. */
    public static final int MAX_UPDATES = 100;

    public Incident {
        updates = updates == null ? List.of() : List.copyOf(updates);
    }

    /** An incident with no updates yet. */
    public Incident(
            String incidentId,
            ServiceName service,
            String title,
            String description,
            IncidentStatus status,
            Instant startedAt,
            Instant resolvedAt,
            long version,
            Instant updatedAt,
            String updatedBy) {
        this(
                incidentId,
                service,
                title,
                description,
                status,
                startedAt,
                resolvedAt,
                version,
                updatedAt,
                updatedBy,
                List.of());
    }

    public Optional<IncidentUpdate> latestUpdate() {
        return updates.isEmpty() ? Optional.empty() : Optional.of(updates.get(updates.size() - 1));
    }
}
