package com.supportdesk.verification;

import java.time.Duration;

/** Waits; a seam so that pacing can be observed in tests. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(Duration duration);
}
