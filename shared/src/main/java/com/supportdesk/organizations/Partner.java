package com.supportdesk.organizations;

import com.supportdesk.api.Validate;

/** The partner a subscription was bought through; their contact comes first in the support options. */
public record Partner(String name, String phone, String email) {

    Partner validated() {
        return new Partner(
                Validate.line("partner.name", name, 200),
                Validate.phone("partner.phone", phone),
                Validate.email("partner.email", email));
    }
}
