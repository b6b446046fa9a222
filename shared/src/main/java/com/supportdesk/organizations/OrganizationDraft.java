package com.supportdesk.organizations;

import com.supportdesk.api.Validate;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;

/**
 * The body of {@code PUT /orgs/{tenantId}}. {@code version} is absent to create a profile and is the
 * version last read to update one.
 */
public record OrganizationDraft(
        String name,
        String country,
        SupportPlan supportPlan,
        Language language,
        RegisteredContacts contacts,
        Partner partner,
        Long version) {

    /** Checks every field; returns a trimmed, normalised copy. */
    public OrganizationDraft validated() {
        if (version != null && version < 1) {
            throw Validate.invalid("version", "profileVersion");
        }
        return new OrganizationDraft(
                Validate.line("name", name, 200),
                Validate.country("country", country),
                Validate.present("supportPlan", supportPlan),
                language == null ? Language.EN : language,
                Validate.present("contacts", contacts).validated(),
                partner == null ? null : partner.validated(),
                version);
    }
}
