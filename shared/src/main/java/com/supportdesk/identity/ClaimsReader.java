package com.supportdesk.identity;

import com.supportdesk.refusal.Refusal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link Caller} from the JWT claims that API Gateway's JWT authorizer verified.
 *
 * <p>The HTTP API hands array claims to Lambda flattened into one string, {@code "[admin agent]"};
 * a JSON array string ({@code "[\"admin\",\"agent\"]"}) and a comma-separated list are accepted too.
 * Unknown role names are ignored rather than trusted.
 */
public final class ClaimsReader {
    public static final String SUBJECT = "sub";
    public static final String TENANT = "tenant_id";
    public static final String GROUPS = "groups";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
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
        if (raw == null) {
            return Set.of();
        }
        String s = raw.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : SEPARATORS.split(s)) {
            String name = part.replace("\"", "").trim();
            if (!name.isEmpty()) {
                Role.fromClaim(name).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
