package com.supportdesk.cases;

import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.ServiceHealthView;
import java.util.List;

/**
 * What an admin sees before opening a case (SPEC section 8): active incidents, whom to contact (the
 * partner first when there is one), the phone number for their country, support hours per category
 * and the expected initial response per severity; and, in the caller's language, how to choose a severity
 * ({@link SeverityGuidance}: definitions, examples, what to provide, availability, targets, typical wait),
 * and the active and recently resolved incidents with their latest update ({@link ServiceHealthView}).
 * Every text is in {@code language}; incident titles and updates are as the operator wrote them.
 */
public record SupportOptions(
        Language language,
        String tenantId,
        ServiceName service,
        List<Incident> incidents,
        List<Contact> contacts,
        SupportDirectory.Phone phone,
        List<Hours> supportHours,
        List<ExpectedResponse> expectedResponse,
        SeverityGuidance guidance,
        ServiceHealthView serviceHealth) {

    /** {@code PARTNER} (first, when the subscription was bought through one) or {@code VENDOR}. */
    public record Contact(String kind, String name, String phone, String email, String note) {}

    public record Hours(Category category, String hours) {}

    /** {@code available} is false for a severity the organisation cannot choose (A without the advanced contract). */
    public record ExpectedResponse(
            Category category,
            Severity severity,
            String expectedInitialResponse,
            String supportHours,
            boolean available) {}
}
