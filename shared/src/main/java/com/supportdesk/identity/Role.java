package com.supportdesk.identity;

import java.util.Locale;
import java.util.Optional;

/** The roles a verified token can carry (SPEC section 3). */
public enum Role {
    /** An administrator of one tenant. */
    ADMIN,
    /** A non-admin member of a tenant. */
    USER,
    /** Vendor support staff; works across tenants. */
    AGENT,
    /** Vendor staff who maintain organisation profiles and service-health incidents. */
    OPERATOR;

    public static Optional<Role> fromClaim(String value) {
        try {
            return Optional.of(Role.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
