package com.supportdesk.servicehealth;

import com.supportdesk.model.ServiceName;
import java.time.Instant;

/** A service-health incident shown to admins before they open a case, and linked to new cases. */
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
        String updatedBy) {}
