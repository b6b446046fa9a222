package com.supportdesk.it.support;

import java.util.Map;

/** The claims API Gateway's JWT authorizer passes for each kind of caller (array claims flattened to "[a b]"). */
public final class Claims {
    private Claims() {}

    public static Map<String, String> admin(String tenant) {
        return Map.of("sub", "admin-" + tenant, "tenant_id", tenant, "groups", "[admin]");
    }

    public static Map<String, String> user(String tenant) {
        return Map.of("sub", "user-" + tenant, "tenant_id", tenant, "groups", "[user]");
    }

    public static Map<String, String> agent(String subject) {
        return Map.of("sub", subject, "groups", "[agent]");
    }

    public static Map<String, String> operator() {
        return Map.of("sub", "operator-1", "groups", "[operator]");
    }
}
