package com.supportdesk.lambda;

/** The code behind one route key such as {@code "PUT /orgs/{tenantId}"}. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request);
}
