package com.supportdesk.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * The initial-response target of one severity in one category, and the calendar it is measured on.
 */
public record SlaRule(Target target, SupportCalendar calendar) {

    public SlaRule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(calendar, "calendar");
    }

    /** The target as open time on this rule's calendar. */
    public Duration workingTime() {
        return target.workingTime(calendar);
    }
}
