package com.supportdesk.verification;

import com.supportdesk.model.Channel;
import com.supportdesk.model.VerificationMethod;
import java.time.Instant;

/**
 * One verification as stored. {@code codeHash} is the HMAC of the code, never the code; {@code attempts}
 * counts the guesses that were evaluated. {@code grantId} and {@code verifiedAt} are fixed when the
 * verification is consumed, so the grant it gives is the same whenever it is written.
 */
public record Verification(
        String verificationId,
        String tenantId,
        String agentSubject,
        VerificationMethod method,
        State state,
        String contactId,
        Channel channel,
        byte[] codeHash,
        int attempts,
        Instant createdAt,
        Instant expiresAt,
        String grantId,
        Instant verifiedAt) {

    /** PENDING until confirmed (VERIFIED), burned by wrong codes (BURNED) or replaced by a newer code (VOID). */
    public enum State {
        PENDING,
        VERIFIED,
        BURNED,
        VOID
    }

    /** Where the per-contact limits of this verification are kept. */
    public String contactKey() {
        return ContactRecordRepository.key(tenantId, contactId);
    }

    @Override
    public String toString() {
        return "Verification[" + verificationId + ", " + state + "]";
    }
}
