package com.supportdesk.sla;

import com.supportdesk.model.Severity;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How often an agent must update a case of the given severities after the first response, until it
 * is resolved; time spent waiting for the customer does not count.
 */
public record FollowUpPolicy(Set<Severity> severities, Duration every, SupportCalendar calendar) {

    public FollowUpPolicy {
        severities = severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
        Objects.requireNonNull(calendar, "calendar");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("A follow-up cadence must be longer than zero, not " + every);
        }
    }

    public boolean appliesTo(Severity severity) {
        return severities.contains(severity);
    }
}
