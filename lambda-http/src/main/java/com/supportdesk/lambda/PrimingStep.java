package com.supportdesk.lambda;

import java.util.Objects;

/**
 * One thing {@link Priming} does before a SnapStart snapshot: a request through one of the function's
 * own routes ({@link PrimingRequest}), or a {@link #read} of something a route uses that no priming
 * request can reach without writing (a topic's attributes, the SLA engine on the bundled policy).
 * Either way it must not write, send, publish, or read a secret or SSM.
 */
public sealed interface PrimingStep permits PrimingRequest, PrimingStep.Read {

    /** What the outcome and the log line call this step. */
    String name();

    /** A read outside the routes; {@code name} says what it reads. */
    static Read read(String name, Runnable read) {
        return new Read(name, read);
    }

    record Read(String name, Runnable read) implements PrimingStep {
        public Read {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(read, "read");
        }
    }
}
