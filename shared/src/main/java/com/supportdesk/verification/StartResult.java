package com.supportdesk.verification;

import com.supportdesk.model.Channel;
import com.supportdesk.model.VerificationMethod;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a start: {@code VERIFIED} (the caller's number is registered; {@code grant} is set) or
 * {@code CODE_SENT} (where the code went, masked, and when it expires). Never contains the code.
 */
public record StartResult(
        String verificationId,
        String tenantId,
        VerificationOutcome status,
        VerificationMethod method,
        Channel channel,
        String contactId,
        String destination,
        Instant expiresAt,
        Instant resendAvailableAt,
        List<ContactOption> contacts,
        AccessGrant grant) {}
