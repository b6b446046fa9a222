package com.supportdesk.model;

import java.util.Optional;

/** A (critical), B (high), C (non-critical). */
public enum Severity {
    A,
    B,
    C;

    /** One step less urgent; empty for C. */
    public Optional<Severity> lower() {
        return this == C ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }
}
