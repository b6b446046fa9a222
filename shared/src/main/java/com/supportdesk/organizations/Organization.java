package com.supportdesk.organizations;

import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import java.time.Instant;
import java.util.Optional;

/**
 * An organisation (tenant) profile. {@code version} increases with every write and is what an update
 * must name, so that two operators editing at once cannot overwrite each other.
 */
public record Organization(
        String tenantId,
        String name,
        String country,
        SupportPlan supportPlan,
        Language language,
        RegisteredContacts contacts,
        Partner partner,
        long version,
        Instant updatedAt,
        String updatedBy) {

    public Optional<Partner> partnerContact() {
        return Optional.ofNullable(partner);
    }
}
