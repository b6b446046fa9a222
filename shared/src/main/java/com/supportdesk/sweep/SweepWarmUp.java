package com.supportdesk.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.supportdesk.api.Json;
import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseContact;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.OpenedVia;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.sla.SlaPolicies;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * SnapStart priming of the sweep (decision 0009): what a run computes for a due case, without reading or
 * writing anything. A severity-A case that exists nowhere, submitted two hours before {@code now}, is
 * claimed on the bundled default policy (its breach, the history entries, who is told, the notification
 * requests and the next checks), and each request goes through the JSON an outbox entry and a publish
 * write. A deployment's own policy (SSM) is still read on the first run after the restore.
 */
public final class SweepWarmUp {
    /** A case id no case has: I, O, L and U are never in ids. */
    public static final String ABSENT_CASE = "CS-IOLU-IOLU-IOLU";
    /** A tenant no one registers. */
    public static final String ABSENT_TENANT = "snapstart-priming";

    private SweepWarmUp() {}

    /** @return the number of notification requests the claim made that read back as written (at least one) */
    public static int run(Instant now) {
        Instant submitted = now.minus(Duration.ofHours(2));
        SupportCase c = new SupportCase(
                ABSENT_CASE,
                ABSENT_TENANT,
                Category.TECHNICAL,
                ServiceName.EXCHANGE_ONLINE,
                "priming",
                "priming",
                Severity.A,
                "priming",
                new CaseContact("priming", "priming@example.invalid", null, ContactMethod.EMAIL, Language.EN),
                CaseStatus.OPEN,
                List.of(),
                List.of(new CaseEvent(
                        CaseEventType.SUBMITTED,
                        submitted,
                        ABSENT_TENANT,
                        Actor.ADMIN,
                        null,
                        Severity.A,
                        CaseStatus.OPEN,
                        null,
                        null)),
                OpenedVia.ONLINE,
                1,
                submitted,
                ABSENT_TENANT,
                submitted,
                null);
        SweepClaim claim = SweepClaim.of(SlaPolicies.defaults(), c, now);
        if (!claim.claims() || claim.requests().isEmpty()) {
            throw new IllegalStateException("the priming case was not due");
        }
        int read = 0;
        for (NotificationRequest request : claim.requests()) {
            try {
                // as an outbox entry is written and a publish reads it back
                NotificationRequest back = Json.MAPPER.readValue(Json.write(request), NotificationRequest.class);
                read += back.notificationId().equals(request.notificationId()) ? 1 : 0;
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return read;
    }
}
