package com.supportdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Arithmetic of open time on a {@link SupportCalendar}: pure functions, no clock of their own.
 *
 * <p>They walk the calendar's open spans a day at a time, so their cost grows with the number of
 * calendar days crossed, not with the length of the target in minutes.
 */
public final class SlaClock {

    private SlaClock() {}

    /**
     * The earliest instant at which {@code workingTime} of open time has passed since {@code start}.
     * A clock started in a closed period starts at the next opening; a zero working time is due at
     * {@code start} itself, open or not. The result is never inside a closed period otherwise: the
     * instant just before it is open.
     */
    public static Instant due(SupportCalendar calendar, Instant start, Duration workingTime) {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(start, "start");
        requireNotNegative(workingTime);
        if (workingTime.isZero()) {
            return start;
        }
        if (calendar.isAlwaysOpen()) {
            return start.plus(workingTime);
        }
        long remaining = workingTime.toNanos();
        // Begin a day early: the span open at `start` may belong to the previous local date under DST.
        // Ends because a calendar has open time every week and finitely many holidays.
        for (LocalDate date = calendar.localDate(start).minusDays(1); ; date = date.plusDays(1)) {
            long[] spans = calendar.openSpans(date);
            for (int i = 0; i < spans.length; i += 2) {
                Instant to = calendar.toInstant(date, spans[i + 1]);
                if (!to.isAfter(start)) {
                    continue;
                }
                Instant from = calendar.toInstant(date, spans[i]);
                Instant begin = from.isAfter(start) ? from : start;
                long available = nanosBetween(begin, to);
                if (available >= remaining) {
                    return begin.plusNanos(remaining);
                }
                remaining -= available;
            }
        }
    }

    /**
     * The open time between two instants; negative when {@code to} is before {@code from}, like
     * {@link Duration#between}.
     */
    public static Duration elapsed(SupportCalendar calendar, Instant from, Instant to) {
        Objects.requireNonNull(calendar, "calendar");
        if (to.isBefore(from)) {
            return elapsed(calendar, to, from).negated();
        }
        if (calendar.isAlwaysOpen()) {
            return Duration.between(from, to);
        }
        long total = 0;
        LocalDate last = calendar.localDate(to).plusDays(1);
        for (LocalDate date = calendar.localDate(from).minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            long[] spans = calendar.openSpans(date);
            for (int i = 0; i < spans.length; i += 2) {
                Instant spanFrom = calendar.toInstant(date, spans[i]);
                if (!spanFrom.isBefore(to)) {
                    break;
                }
                Instant spanTo = calendar.toInstant(date, spans[i + 1]);
                Instant lo = spanFrom.isAfter(from) ? spanFrom : from;
                Instant hi = spanTo.isBefore(to) ? spanTo : to;
                if (hi.isAfter(lo)) {
                    total += nanosBetween(lo, hi);
                }
            }
        }
        return Duration.ofNanos(total);
    }

    /**
     * The open time left of {@code workingTime} started at {@code start}, as of {@code now}; negative
     * once overdue, by the open time spent past the due time.
     */
    public static Duration remaining(SupportCalendar calendar, Instant start, Duration workingTime, Instant now) {
        requireNotNegative(workingTime);
        Duration spent = now.isAfter(start) ? elapsed(calendar, start, now) : Duration.ZERO;
        return workingTime.minus(spent);
    }

    /** The instant at which only {@code threshold}'s share or amount of {@code workingTime} is left. */
    public static Instant warningAt(
            SupportCalendar calendar, Instant start, Duration workingTime, WarningThreshold threshold) {
        requireNotNegative(workingTime);
        return due(calendar, start, workingTime.minus(threshold.leftOf(workingTime)));
    }

    private static void requireNotNegative(Duration workingTime) {
        Objects.requireNonNull(workingTime, "workingTime");
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("Working time cannot be negative: " + workingTime);
        }
    }

    private static long nanosBetween(Instant from, Instant to) {
        return Math.addExact(
                Math.multiplyExact(to.getEpochSecond() - from.getEpochSecond(), 1_000_000_000L),
                to.getNano() - from.getNano());
    }
}
