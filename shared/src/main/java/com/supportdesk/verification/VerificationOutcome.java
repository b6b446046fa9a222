package com.supportdesk.verification;

/** Where a verification stands after a start or a confirmation, as the agent sees it. */
public enum VerificationOutcome {
    /** The caller is verified; the answer carries the grant. */
    VERIFIED,
    /** A code went to a registered contact; the caller must read it back. */
    CODE_SENT
}
