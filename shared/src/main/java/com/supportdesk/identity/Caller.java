package com.supportdesk.identity;

import com.supportdesk.i18n.Text;
import com.supportdesk.refusal.Refusal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as proven by the verified token: subject, tenant (for admins and users) and roles.
 * Never built from a request body.
 */
public record Caller(String subject, Optional<String> tenantId, Set<Role> roles) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Refused as forbidden unless the caller holds one of the roles. */
    public void require(Role... allowed) {
        if (!hasAny(allowed)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.role"));
        }
    }

    /** True when the caller is an admin of exactly this tenant. */
    public boolean isAdminOf(String tenant) {
        return has(Role.ADMIN) && tenantId.map(tenant::equals).orElse(false);
    }

    /** The admin's own tenant; forbidden when the token carries none. */
    public String adminTenant() {
        return tenantId.orElseThrow(() -> Refusal.forbidden(Text.of("FORBIDDEN.noOrganisation")));
    }
}
