package com.supportdesk.servicehealth;

import com.supportdesk.runtime.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How long a resolved incident stays listed ({@code INCIDENT_HISTORY_DAYS}, default 30): the service-health
 * page shows "current and past issues", and past ones stop mattering to someone about to open a case.
 */
public record IncidentHistory(int days) {
    public static final int DEFAULT_DAYS = 30;
    public static final IncidentHistory DEFAULT = new IncidentHistory(DEFAULT_DAYS);

    public IncidentHistory {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("INCIDENT_HISTORY_DAYS must be 1..366, not " + days);
        }
    }

    /** A value that is not a whole number is logged and the default used: one list shorter, nothing down. */
    public static IncidentHistory parse(Optional<String> days) {
        if (days.isEmpty()) {
            return DEFAULT;
        }
        try {
            return new IncidentHistory(Integer.parseInt(days.get().trim()));
        } catch (NumberFormatException e) {
            Log.info("setting_ignored", Map.of("setting", "INCIDENT_HISTORY_DAYS", "default", DEFAULT_DAYS));
            return DEFAULT;
        }
    }

    /** Incidents resolved at or after this instant are still listed. */
    public Instant since(Instant now) {
        return now.minus(Duration.ofDays(days));
    }

    /**
     * Resolved "in the future" is listed only once that time is near: an operator's resolvedAt a few minutes
     * ahead of our clock still shows, a mistyped year does not sit at the top of the history.
     */
    public Instant until(Instant now) {
        return now.plus(Duration.ofHours(1));
    }
}
