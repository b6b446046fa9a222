package com.supportdesk.cases;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC text, so that string order is time order in sort keys
 * ({@link Instant#toString()} drops zero fractions and would sort {@code 00Z} after {@code 00.5Z}).
 */
final class SortableTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private SortableTime() {}

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The UTC hour an instant falls in: the partition of the sweep's index. */
    static String hourBucket(Instant instant) {
        return HOUR.format(instant);
    }
}
