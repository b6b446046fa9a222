package com.supportdesk.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A span of support hours that opens at a wall-clock time on some day.
 *
 * <p>It is stored as a start and a length, not as a start and an end, because the end is ambiguous
 * as a {@link LocalTime}: {@code 00:00} is both the start of a day and the end of the previous one.
 * {@link #of(LocalTime, LocalTime)} reads an end at or before the start as belonging to the next day,
 * so {@code 09:00–00:00} is "until 24:00", {@code 22:00–06:00} crosses midnight and
 * {@code 00:00–00:00} is the whole day. The length is always positive and at most 24 hours.
 *
 * @param start when the window opens, on the day it belongs to
 * @param length how long it stays open, in wall-clock time
 */
public record OpenWindow(LocalTime start, Duration length) {

    static final Duration DAY = Duration.ofDays(1);

    public OpenWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero() || length.compareTo(DAY) > 0) {
            throw new IllegalArgumentException(
                    "An open window lasts more than zero and at most 24 hours, not " + length);
        }
    }

    /** The window from {@code start} to {@code end}; an end at or before the start is on the next day. */
    public static OpenWindow of(LocalTime start, LocalTime end) {
        long from = start.toNanoOfDay();
        long to = end.toNanoOfDay();
        return new OpenWindow(start, Duration.ofNanos(to > from ? to - from : DAY.toNanos() - from + to));
    }

    /** The window from {@code start} to 24:00 of the same day. */
    public static OpenWindow untilEndOfDay(LocalTime start) {
        return new OpenWindow(start, Duration.ofNanos(DAY.toNanos() - start.toNanoOfDay()));
    }

    /** 00:00 to 24:00. */
    public static OpenWindow allDay() {
        return new OpenWindow(LocalTime.MIDNIGHT, DAY);
    }

    /**
     * Parses {@code HH:mm[:ss]} times where the end may also be written {@code 24:00}, the form
     * operators use in configuration.
     */
    public static OpenWindow parse(String start, String end) {
        if ("24:00".equals(start) || "24:00:00".equals(start)) {
            throw new IllegalArgumentException("A window cannot open at 24:00; write 00:00 on the next day");
        }
        try {
            LocalTime from = LocalTime.parse(start);
            if ("24:00".equals(end) || "24:00:00".equals(end)) {
                return untilEndOfDay(from);
            }
            return of(from, LocalTime.parse(end));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a time of day: " + e.getParsedString(), e);
        }
    }

    /** The wall-clock time it closes; {@code 00:00} when it closes at 24:00. */
    public LocalTime end() {
        return start.plus(length);
    }

    /** Whether it closes on the next day (a window ending exactly at 24:00 does not). */
    public boolean crossesMidnight() {
        return startNanos() + length.toNanos() > DAY.toNanos();
    }

    long startNanos() {
        return start.toNanoOfDay();
    }

    long endNanos() {
        return startNanos() + length.toNanos();
    }

    @Override
    public String toString() {
        long end = endNanos();
        String to = end == DAY.toNanos() ? "24:00" : end().toString();
        return start + "-" + to + (crossesMidnight() ? "(+1)" : "");
    }
}
