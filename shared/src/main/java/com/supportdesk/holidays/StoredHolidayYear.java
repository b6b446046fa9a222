package com.supportdesk.holidays;

import com.supportdesk.sla.HolidayYear;
import java.time.Instant;
import java.util.Objects;

/**
 * A holiday year an operator stored through the API, in place of the policy document's dates for that year.
 *
 * @param version   1 for the first write of the year, one more with each later one
 * @param updatedBy the operator's token subject
 */
public record StoredHolidayYear(HolidayYear year, long version, Instant updatedAt, String updatedBy) {
    public StoredHolidayYear {
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive");
        }
    }
}
