package com.supportdesk.cases;

import com.supportdesk.identity.Caller;
import java.time.Instant;

/**
 * The one place that decides whether an agent may act for a tenant: by holding a valid grant from a
 * PIN verification of the caller ({@code Verification-Grant} header). The grant store of the PIN
 * verification feature ({@code AccessGrantRepository}) is plugged in by the case-submission function.
 */
@FunctionalInterface
public interface AgentGrantCheck {

    /** Whether {@code grant}, presented by {@code agent}, lets them act for {@code tenantId} at {@code now}. */
    boolean allows(Caller agent, String grant, String tenantId, Instant now);
}
