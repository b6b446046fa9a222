package com.supportdesk.sla;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/** When a running clock warns: once a share of its target, or a fixed amount of time, is left. */
public sealed interface WarningThreshold {

    /** How much of {@code target} is left when the warning fires; never more than the target. */
    Duration leftOf(Duration target);

    /** Warn when {@code share} (0 to 1, e.g. 0.25) of the target is left. */
    static WarningThreshold shareLeft(double share) {
        return new ShareLeft(share);
    }

    /** Warn when {@code left} of open time is left (or at once, for a shorter target). */
    static WarningThreshold timeLeft(Duration left) {
        return new TimeLeft(left);
    }

    record ShareLeft(double share) implements WarningThreshold {
        public ShareLeft {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("A warning share is between 0 and 1, not " + share);
            }
        }

        @Override
        public Duration leftOf(Duration target) {
            // Decimal arithmetic: 25 % of 15 hours must be exactly 3h45m, not a nanosecond off.
            BigDecimal nanos = new BigDecimal(target.toNanos()).multiply(BigDecimal.valueOf(share));
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
    }

    record TimeLeft(Duration left) implements WarningThreshold {
        public TimeLeft {
            Objects.requireNonNull(left, "left");
            if (left.isNegative()) {
                throw new IllegalArgumentException("A warning time cannot be negative: " + left);
            }
        }

        @Override
        public Duration leftOf(Duration target) {
            return left.compareTo(target) < 0 ? left : target;
        }
    }
}
