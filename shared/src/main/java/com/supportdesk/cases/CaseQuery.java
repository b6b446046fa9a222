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
 * @param owner          only active cases (open, in progress, awaiting the customer) of this agent, or nobody's;
 *                       newest first, narrowed by tenant and status when those are given too
 */
public record CaseQuery(
        Optional<String> tenantId,
        Optional<CaseStatus> status,
        Optional<Instant> breachingSoonAt,
        int limit,
        Optional<String> pageToken,
        Optional<Owner> owner) {

    /** An agent's queue (their token subject), or the queue of cases nobody owns. */
    public record Owner(Optional<String> agentId) {
        public Owner {
            Objects.requireNonNull(agentId, "agentId");
        }

        public static Owner agent(String agentId) {
            return new Owner(Optional.of(agentId));
        }

        public static Owner unassigned() {
            return new Owner(Optional.empty());
        }
    }

    public CaseQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(breachingSoonAt, "breachingSoonAt");
        Objects.requireNonNull(pageToken, "pageToken");
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (tenantId.isEmpty() && status.isEmpty() && breachingSoonAt.isEmpty() && owner.isEmpty()) {
            throw new IllegalArgumentException("a list across tenants needs a status, breaching-soon or an owner");
        }
        if (owner.isPresent() && breachingSoonAt.isPresent()) {
            throw new IllegalArgumentException("an owner's queue is not also a breaching-soon list");
        }
    }

    /** A query without an owner filter. */
    public CaseQuery(
            Optional<String> tenantId,
            Optional<CaseStatus> status,
            Optional<Instant> breachingSoonAt,
            int limit,
            Optional<String> pageToken) {
        this(tenantId, status, breachingSoonAt, limit, pageToken, Optional.empty());
    }

    /** This query, narrowed to one owner's queue. */
    public CaseQuery withOwner(Owner queue) {
        return new CaseQuery(tenantId, status, breachingSoonAt, limit, pageToken, Optional.of(queue));
    }
}
