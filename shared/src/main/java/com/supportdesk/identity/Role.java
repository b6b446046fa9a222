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

    /** The group a token names this role by: the lower-case name, exactly. */
    public String groupName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a group grants: only a group named exactly as the role (no trimming, no case folding). */
    public static Optional<Role> fromGroup(String group) {
        for (Role role : values()) {
            if (role.groupName().equals(group)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
