package com.supportdesk.lambda;

import com.supportdesk.identity.ClaimsReader;
import com.supportdesk.identity.Role;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One synthetic request {@link Priming} sends through a function's own route before a SnapStart
 * snapshot. It must only read: the usual one asks for something that cannot exist (the tenant
 * {@value #ABSENT_TENANT}) and is answered 404 after one read of each table the route uses.
 *
 * <pre>{@code
 * primeWith(PrimingRequest.to("GET /orgs/{tenantId}").as(Role.OPERATOR).path("tenantId", PrimingRequest.ABSENT_TENANT));
 * }</pre>
 *
 * @param claims what the JWT authorizer would have verified; never a real identity
 */
public record PrimingRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        Map<String, String> claims,
        String body)
        implements PrimingStep {

    /** A tenant no one registers: reads of it find nothing. */
    public static final String ABSENT_TENANT = "snapstart-priming";
    /** The subject of every priming caller, so that nothing it might leave could pass for a person's. */
    public static final String SUBJECT = "snapstart-priming";

    public PrimingRequest {
        Objects.requireNonNull(routeKey, "routeKey");
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
        claims = Map.copyOf(claims);
    }

    /** A request to {@code routeKey} (as written in template.yaml) by an agent, with no parameters. */
    public static PrimingRequest to(String routeKey) {
        return new PrimingRequest(routeKey, Map.of(), Map.of(), Map.of(), claimsOf(Role.AGENT), null);
    }

    /** The caller has {@code role}; an admin or user of {@link #ABSENT_TENANT}. */
    public PrimingRequest as(Role role) {
        return new PrimingRequest(routeKey, pathParameters, queryParameters, headers, claimsOf(role), body);
    }

    public PrimingRequest path(String name, String value) {
        return new PrimingRequest(routeKey, with(pathParameters, name, value), queryParameters, headers, claims, body);
    }

    public PrimingRequest query(String name, String value) {
        return new PrimingRequest(routeKey, pathParameters, with(queryParameters, name, value), headers, claims, body);
    }

    /** Header names are lower case, as the HTTP API passes them. */
    public PrimingRequest header(String name, String value) {
        return new PrimingRequest(
                routeKey,
                pathParameters,
                queryParameters,
                with(headers, name.toLowerCase(Locale.ROOT), value),
                claims,
                body);
    }

    /** A JSON body (sent as {@code application/json}). */
    public PrimingRequest body(String json) {
        return new PrimingRequest(routeKey, pathParameters, queryParameters, headers, claims, json);
    }

    @Override
    public String name() {
        return routeKey;
    }

    String method() {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    /** The route's path with the path parameters put in, as the client would have sent it. */
    String rawPath() {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        for (Map.Entry<String, String> p : pathParameters.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        return path;
    }

    String rawQueryString() {
        return queryParameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> claimsOf(Role role) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put(ClaimsReader.SUBJECT, SUBJECT);
        claims.put(ClaimsReader.GROUPS, "[" + role.name().toLowerCase(Locale.ROOT) + "]");
        if (role == Role.ADMIN || role == Role.USER) {
            claims.put(ClaimsReader.TENANT, ABSENT_TENANT);
        }
        return claims;
    }

    private static Map<String, String> with(Map<String, String> map, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(name, value);
        return copy;
    }
}
