package com.supportdesk.cases;

import com.supportdesk.identity.Caller;
import java.time.Instant;

/**
 * The one place that decides whether an agent may act for a tenant: by holding a valid grant from a
 * PIN verification of the caller ({@code Verification-Grant} header). The grant store of the PIN
 * verification feature plugs in here; until it does, {@link #NOT_AVAILABLE} refuses every agent.
 */
@FunctionalInterface
public interface VerificationGrants {

    /** Whether {@code grant}, presented by {@code agent}, lets them act for {@code tenantId} at {@code now}. */
    boolean allows(Caller agent, String grant, String tenantId, Instant now);

    /** No grant store yet: agents cannot open cases. */
    VerificationGrants NOT_AVAILABLE = (agent, grant, tenantId, now) -> false;
}
