package com.supportdesk.sla;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Instants written as wall-clock times of a zone, to keep examples readable. */
final class Times {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private Times() {}

    /** {@code 2026-03-02T10:00} in Beijing time; {@code 24:00} is accepted as the end of that day. */
    static Instant bj(String localDateTime) {
        return at(SHANGHAI, localDateTime);
    }

    static Instant at(ZoneId zone, String localDateTime) {
        if (localDateTime.endsWith("T24:00")) {
            String date = localDateTime.substring(0, localDateTime.length() - 6);
            return LocalDateTime.parse(date + "T00:00").plusDays(1).atZone(zone).toInstant();
        }
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
