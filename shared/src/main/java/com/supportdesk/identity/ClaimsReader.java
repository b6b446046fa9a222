package com.supportdesk.identity;

import com.supportdesk.refusal.Refusal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link Caller} from the JWT claims that API Gateway's JWT authorizer verified.
 *
 * <p>The {@code groups} claim comes in one of two forms. A JSON array claim is flattened by the HTTP API
 * into one string, its members between brackets and separated by single spaces: {@code "[admin agent]"}.
 * A plain string claim is one group: {@code "admin"}. A role is granted only by a group whose name is
 * exactly the role's name ({@code admin}, {@code user}, {@code agent}, {@code operator}); nothing else is
 * split, trimmed or case-folded, so a group such as "helpdesk admin" or "read,admin" is never a role.
 * (In the flattened form a member cannot contain a space, so no group with a space in its name can ever
 * be a role.) Other group names are ignored rather than trusted.
 */
public final class ClaimsReader {
    public static final String SUBJECT = "sub";
    public static final String TENANT = "tenant_id";
    public static final String GROUPS = "groups";

    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private ClaimsReader() {}

    /** Refused as unauthenticated when the claims are missing or malformed. */
    public static Caller read(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            throw Refusal.unauthenticated();
        }
        String subject = claims.get(SUBJECT);
        if (subject == null || subject.isBlank() || subject.length() > 256) {
            throw Refusal.unauthenticated();
        }
        Optional<String> tenant = Optional.ofNullable(claims.get(TENANT)).filter(t -> !t.isBlank());
        if (tenant.isPresent() && !TENANT_ID.matcher(tenant.get()).matches()) {
            throw Refusal.unauthenticated();
        }
        Set<Role> roles = parseRoles(claims.get(GROUPS));
        if (roles.isEmpty()) {
            throw Refusal.unauthenticated();
        }
        if (roles.contains(Role.ADMIN) || roles.contains(Role.USER)) {
            if (tenant.isEmpty()) {
                // a tenant role without a tenant cannot be scoped: refuse rather than guess
                throw Refusal.unauthenticated();
            }
        }
        return new Caller(subject, tenant, roles);
    }

    static Set<Role> parseRoles(String raw) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups(raw)) {
            Role.fromGroup(group).ifPresent(roles::add);
        }
        return roles;
    }

    /** The groups of the claim: the members of API Gateway's flattened list, or the one plain string. */
    private static List<String> groups(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.length() >= 2 && raw.charAt(0) == '[' && raw.charAt(raw.length() - 1) == ']') {
            return List.of(raw.substring(1, raw.length() - 1).split(" ", -1));
        }
        return List.of(raw);
    }
}
