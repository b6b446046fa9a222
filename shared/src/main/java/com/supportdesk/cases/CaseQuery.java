package com.supportdesk.cases;

import com.supportdesk.model.CaseStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which cases a list asks for, in domain terms: the repository alone turns it into an index, key
 * conditions and filters ({@link CaseRepository#list}).
 *
 * @param tenantId       only this organisation's cases; empty: every organisation's (agents only)
 * @param status         only cases in this status; required when neither a tenant nor breaching-soon narrows the list
 * @param breachingSoonAt only cases whose initial-response clock runs and is past its warning at this instant,
 *                       soonest warning first; empty: newest first
 * @param limit          at most this many per page
 * @param pageToken      where the previous page of the same query stopped
 */
public record CaseQuery(
        Optional<String> tenantId,
        Optional<CaseStatus> status,
        Optional<Instant> breachingSoonAt,
        int limit,
        Optional<String> pageToken) {

    public CaseQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(breachingSoonAt, "breachingSoonAt");
        Objects.requireNonNull(pageToken, "pageToken");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (tenantId.isEmpty() && status.isEmpty() && breachingSoonAt.isEmpty()) {
            throw new IllegalArgumentException("a list across tenants needs a status or breaching-soon");
        }
    }
}
