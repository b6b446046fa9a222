package com.supportdesk.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * An amount of open time on a calendar: either a plain duration ("1 hour") or a number of business
 * days, each as long as the calendar's {@link SupportCalendar#businessDay() regular day}, so that
 * "1 business day" is 15 hours on a 09:00–24:00 calendar and 9 hours on a 09:00–18:00 one.
 */
public sealed interface Target {

    /** The open time this target stands for on {@code calendar}. */
    Duration workingTime(SupportCalendar calendar);

    static Target of(Duration duration) {
        return new Fixed(duration);
    }

    static Target businessDays(int days) {
        return new BusinessDays(days);
    }

    /** A fixed amount of open time, whatever the calendar. */
    record Fixed(Duration duration) implements Target {
        public Fixed {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("A target must be longer than zero, not " + duration);
            }
        }

        @Override
        public Duration workingTime(SupportCalendar calendar) {
            return duration;
        }

        @Override
        public String toString() {
            return duration.toString();
        }
    }

    /** Whole business days of the calendar the target is measured on. */
    record BusinessDays(int days) implements Target {
        public BusinessDays {
            if (days <= 0) {
                throw new IllegalArgumentException("A target must be at least one business day, not " + days);
            }
        }

        @Override
        public Duration workingTime(SupportCalendar calendar) {
            return calendar.businessDay().multipliedBy(days);
        }

        @Override
        public String toString() {
            return days + (days == 1 ? " business day" : " business days");
        }
    }
}
