package com.supportdesk.verification;

import com.supportdesk.model.VerificationMethod;
import java.time.Instant;

/**
 * What a successful verification gives an agent: the right to act for one tenant (for example to open a
 * case for the caller) until {@code expiresAt}. Only the agent it was issued to can use it.
 */
public record AccessGrant(
        String grantId,
        String tenantId,
        String agentSubject,
        String verificationId,
        VerificationMethod method,
        Instant issuedAt,
        Instant expiresAt) {

    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
