package com.supportdesk.servicehealth;

import com.supportdesk.api.Validate;
import java.time.Instant;

/**
 * Body of {@code PATCH /service-health/incidents/{id}}: the version read, and what changes.
 * Setting {@code status} to RESOLVED resolves it ({@code resolvedAt} defaults to now); a {@code message}
 * appends an update to the incident's timeline, stamped with now and the status the change leaves.
 */
public record IncidentChange(
        Long version, IncidentStatus status, String title, String description, Instant resolvedAt, String message) {

    IncidentChange validated(Instant now) {
        Validate.present("version", version);
        if (status == null && title == null && description == null && resolvedAt == null && message == null) {
            throw Validate.invalid("status", "nothingToChange");
        }
        if (resolvedAt != null && status != IncidentStatus.RESOLVED) {
            throw Validate.invalid("resolvedAt", "resolvedAtWithoutResolved");
        }
        return new IncidentChange(
                version,
                status,
                title == null ? null : Validate.line("title", title, 200),
                Validate.optionalText("description", description, 4000),
                resolvedAt == null ? null : NewIncident.withinWindow("resolvedAt", resolvedAt, now),
                Validate.optionalText("message", message, 2000));
    }
}
