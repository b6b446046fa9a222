package com.supportdesk.notifications.templates;

import com.supportdesk.model.Severity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a message may say about a case, read from the case when the message is rendered: the request
 * itself carries references only.
 *
 * @param category           the case's category name ({@code TECHNICAL}, ...)
 * @param service            the service name for technical cases, else empty
 * @param status             the case's status name
 * @param initialResponseDue when the initial response is (or was) due
 * @param followUpDue        when the next follow-up is due, while that clock runs
 * @param downgradeDue       when a waiting case drops a severity, while it waits
 * @param downgradeTo        the severity it would drop to
 * @param latestResponse     the text of the agent response a CASE_RESPONSE is about, if it can be found
 */
public record CaseFacts(
        String caseId,
        String title,
        Severity severity,
        String category,
        String service,
        String status,
        String contactName,
        Optional<Instant> initialResponseDue,
        Optional<Instant> followUpDue,
        Optional<Instant> downgradeDue,
        Optional<Severity> downgradeTo,
        Optional<String> latestResponse) {

    public CaseFacts {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(severity, "severity");
        title = title == null ? "" : title;
        category = category == null ? "" : category;
        service = service == null ? "" : service;
        status = status == null ? "" : status;
        contactName = contactName == null ? "" : contactName;
    }

    @Override
    public String toString() {
        // the title and the response are the customer's words: they stay out of log lines
        return "CaseFacts[" + caseId + "]";
    }
}
