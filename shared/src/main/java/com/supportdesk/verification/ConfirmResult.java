package com.supportdesk.verification;

/** A confirmed code: the grant the agent now holds. Failures are errors, not results. */
public record ConfirmResult(String verificationId, String status, Verification.Method method, Grant grant) {}
