package com.supportdesk.verification;

import com.supportdesk.model.VerificationMethod;

/** A confirmed code: the grant the agent now holds. Failures are errors, not results. */
public record ConfirmResult(
        String verificationId, VerificationOutcome status, VerificationMethod method, AccessGrant grant) {}
