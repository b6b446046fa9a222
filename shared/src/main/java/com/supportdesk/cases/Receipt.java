package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.servicehealth.Incident;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer to {@code POST /cases}: everything the admin needs to know right after opening a case, its
 * words in {@code language}. Built only from stored data, and kept with the idempotency key, so a retry
 * with the same key gets the same body.
 */
public record Receipt(
        Language language,
        String caseId,
        CaseStatus status,
        Severity severity,
        Category category,
        ServiceName service,
        String title,
        Instant createdAt,
        InitialResponse initialResponse,
        String supportHours,
        String expectedInitialResponse,
        SupportDirectory.Phone phone,
        List<IncidentLink> incidents,
        Links links) {

    /**
     * The initial-response due time in UTC and in the zone of the calendar it is measured on; {@code target}
     * as the policy writes it ({@code PT1H}, {@code 1 business day}), {@code targetText} in words.
     */
    public record InitialResponse(
            String target, String targetText, Instant dueAt, OffsetDateTime dueAtLocal, String timeZone) {}

    public record IncidentLink(String incidentId, ServiceName service, String title, Instant startedAt, String href) {
        static IncidentLink of(Incident incident) {
            return new IncidentLink(
                    incident.incidentId(),
                    incident.service(),
                    incident.title(),
                    incident.startedAt(),
                    "/service-health?service=" + incident.service().name());
        }
    }

    public record Links(String self) {}
}
