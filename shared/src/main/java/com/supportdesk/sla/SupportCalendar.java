package com.supportdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When support is open: weekly windows in a time zone, minus holidays, plus make-up working days.
 *
 * <p>Holidays and make-up days are {@link LocalDate}s in the calendar's own zone and are never
 * converted through another zone, so a holiday is the same date whatever zone the JVM runs in.
 * A window belongs to the day it opens on; a window that crosses midnight runs into the next day.
 * A holiday closes its whole date, 00:00 to 24:00, including the part of the previous day's window
 * that would run into it, and its own windows do not open. A make-up day opens with the windows of
 * the given day of the week.
 *
 * <p>Times are wall-clock times. In a zone with daylight saving time a window keeps its wall-clock
 * start and end, so it is an hour shorter or longer in real time on the day of a change; a window
 * that lies wholly in the skipped hour has no open time, and in the repeated hour the first
 * occurrence counts.
 *
 * <p>Instances are immutable and safe to share. Construction fails for a calendar with no open time
 * in its week, because no due time could ever be reached on it.
 */
public final class SupportCalendar {

    static final long DAY_NANOS = OpenWindow.DAY.toNanos();
    private static final int CLOSED = 7;
    private static final long[] NONE = {};

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpenWindow>> weekly;
    private final NavigableSet<LocalDate> holidays;
    private final NavigableMap<LocalDate, DayOfWeek> makeUpDays;
    private final Duration businessDay;
    /** The policy's holiday set whose dates this calendar closes and opens; null when it uses none. */
    private final String holidaySet;

    // Derived, for the arithmetic.
    private final Set<LocalDate> holidayLookup;
    private final Map<LocalDate, DayOfWeek> makeUpLookup;
    private final boolean alwaysOpen;
    /** Open spans of a date as [start, end) nano-of-day pairs, by (previous day's schedule, own schedule). */
    private final long[][][] plans = new long[CLOSED + 1][CLOSED + 1][];

    private final ZoneRules rules;
    /** From this epoch day on the zone has one offset forever, so local times convert by arithmetic. */
    private final long fixedFromEpochDay;

    private final ZoneOffset fixedOffset;

    private SupportCalendar(Builder b) {
        this.zone = b.zone;
        this.holidaySet = b.holidaySet;
        EnumMap<DayOfWeek, List<OpenWindow>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, List.copyOf(b.weekly.get(day)));
        }
        this.weekly = Collections.unmodifiableMap(days);
        this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.holidays));
        this.makeUpDays = Collections.unmodifiableNavigableMap(new TreeMap<>(b.makeUpDays));
        this.holidayLookup = new HashSet<>(b.holidays);
        this.makeUpLookup = new HashMap<>(b.makeUpDays);
        for (LocalDate date : b.makeUpDays.keySet()) {
            if (holidayLookup.contains(date)) {
                throw new IllegalArgumentException(date + " is both a holiday and a make-up working day");
            }
        }

        long[][] own = new long[CLOSED][];
        long[][] spill = new long[CLOSED][];
        Duration longestDay = Duration.ZERO;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpenWindow> windows = weekly.get(day);
            List<long[]> ownSpans = new ArrayList<>();
            List<long[]> spillSpans = new ArrayList<>();
            List<long[]> shift = new ArrayList<>();
            for (OpenWindow w : windows) {
                ownSpans.add(new long[] {w.startNanos(), Math.min(w.endNanos(), DAY_NANOS)});
                if (w.endNanos() > DAY_NANOS) {
                    spillSpans.add(new long[] {0, w.endNanos() - DAY_NANOS});
                }
                shift.add(new long[] {w.startNanos(), w.endNanos()});
            }
            own[day.ordinal()] = merge(ownSpans);
            spill[day.ordinal()] = merge(spillSpans);
            Duration length = Duration.ofNanos(total(merge(shift)));
            if (length.compareTo(longestDay) > 0) {
                longestDay = length;
            }
        }
        if (longestDay.isZero()) {
            throw new IllegalArgumentException(
                    "A support calendar needs open hours on at least one day of the week; none were given");
        }
        this.businessDay = b.businessDay != null ? b.businessDay : longestDay;
        if (businessDay.isNegative() || businessDay.isZero()) {
            throw new IllegalArgumentException("A business day must be longer than zero, not " + businessDay);
        }

        boolean full = holidays.isEmpty();
        for (int prev = 0; prev <= CLOSED; prev++) {
            for (int today = 0; today <= CLOSED; today++) {
                if (today == CLOSED) {
                    plans[prev][today] = NONE;
                    continue;
                }
                List<long[]> spans = new ArrayList<>();
                addPairs(spans, own[today]);
                if (prev != CLOSED) {
                    addPairs(spans, spill[prev]);
                }
                long[] plan = merge(spans);
                plans[prev][today] = plan;
                if (prev != CLOSED && !(plan.length == 2 && plan[0] == 0 && plan[1] == DAY_NANOS)) {
                    full = false;
                }
            }
        }
        this.alwaysOpen = full;

        this.rules = zone.getRules();
        if (rules.isFixedOffset()) {
            fixedFromEpochDay = Long.MIN_VALUE;
            fixedOffset = rules.getOffset(Instant.EPOCH);
        } else if (rules.getTransitionRules().isEmpty()) {
            // No recurring rule: after the last historical transition the offset never changes again
            // (Asia/Shanghai since 1991). A two-day margin keeps dates near that transition exact.
            List<ZoneOffsetTransition> history = rules.getTransitions();
            ZoneOffsetTransition last = history.get(history.size() - 1);
            fixedFromEpochDay =
                    LocalDate.ofInstant(last.getInstant(), ZoneOffset.UTC).toEpochDay() + 2;
            fixedOffset = last.getOffsetAfter();
        } else {
            fixedFromEpochDay = Long.MAX_VALUE;
            fixedOffset = null;
        }
    }

    /** A calendar open every minute of every day, with no holidays: the calendar of severity A. */
    public static SupportCalendar twentyFourSeven(ZoneId zone) {
        return builder(zone).openEveryDay(OpenWindow.allDay()).build();
    }

    /** A builder for a calendar in {@code zone}, closed until windows are added. */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** A builder holding this calendar's definition, to derive a changed calendar from it. */
    public Builder toBuilder() {
        Builder b = new Builder(zone);
        weekly.forEach((day, windows) -> b.weekly.get(day).addAll(windows));
        b.holidays.addAll(holidays);
        b.makeUpDays.putAll(makeUpDays);
        b.businessDay = businessDay;
        b.holidaySet = holidaySet;
        return b;
    }

    /** The name of the policy's holiday set this calendar follows, if any ({@link HolidaySets}). */
    public java.util.Optional<String> holidaySet() {
        return java.util.Optional.ofNullable(holidaySet);
    }

    /** The zone whose wall clock the windows, holidays and make-up days are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** The windows that open on a regular {@code day}, as configured. */
    public List<OpenWindow> windows(DayOfWeek day) {
        return weekly.get(day);
    }

    /** Dates closed all day, in the calendar's zone. */
    public NavigableSet<LocalDate> holidays() {
        return holidays;
    }

    /** Dates that are open although they would not be, with the day of the week whose windows they use. */
    public NavigableMap<LocalDate, DayOfWeek> makeUpDays() {
        return makeUpDays;
    }

    /**
     * The working length of one regular day, the unit of {@link Target#businessDays(int)}: unless set
     * explicitly, the open time of the longest day of the regular week (09:00–18:00 gives 9 hours).
     */
    public Duration businessDay() {
        return businessDay;
    }

    /** Whether every instant is open, so that open time is plain elapsed time. */
    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    /** Whether support is open at {@code instant}; a window includes its start and excludes its end. */
    public boolean isOpen(Instant instant) {
        if (alwaysOpen) {
            return true;
        }
        LocalDate date = localDate(instant).minusDays(1);
        for (int d = 0; d < 3; d++, date = date.plusDays(1)) {
            long[] spans = openSpans(date);
            for (int i = 0; i < spans.length; i += 2) {
                if (!toInstant(date, spans[i]).isAfter(instant)
                        && toInstant(date, spans[i + 1]).isAfter(instant)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The open spans of {@code date}, clipped to that date, as sorted [start, end) nano-of-day pairs. */
    long[] openSpans(LocalDate date) {
        return plans[schedule(date.minusDays(1))][schedule(date)];
    }

    LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /**
     * The instant a wall-clock time of {@code date} names; {@code nanoOfDay} may be a full day (24:00).
     * A time skipped by a DST gap maps to the end of the gap, a repeated time to its first occurrence,
     * which keeps the mapping monotonic.
     */
    Instant toInstant(LocalDate date, long nanoOfDay) {
        long epochDay = date.toEpochDay();
        if (nanoOfDay == DAY_NANOS) {
            epochDay++;
            nanoOfDay = 0;
        }
        if (epochDay >= fixedFromEpochDay) {
            long seconds = epochDay * 86_400 + nanoOfDay / 1_000_000_000L - fixedOffset.getTotalSeconds();
            return Instant.ofEpochSecond(seconds, nanoOfDay % 1_000_000_000L);
        }
        LocalDateTime local = LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.ofNanoOfDay(nanoOfDay));
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (!valid.isEmpty()) {
            return local.toInstant(valid.get(0));
        }
        return rules.getTransition(local).getInstant();
    }

    private int schedule(LocalDate date) {
        if (holidayLookup.contains(date)) {
            return CLOSED;
        }
        DayOfWeek worksAs = makeUpLookup.get(date);
        return (worksAs != null ? worksAs : date.getDayOfWeek()).ordinal();
    }

    private static void addPairs(List<long[]> into, long[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            into.add(new long[] {pairs[i], pairs[i + 1]});
        }
    }

    /** Sorted, non-overlapping, non-touching [start, end) pairs covering the union of {@code spans}. */
    private static long[] merge(List<long[]> spans) {
        spans.sort((x, y) -> Long.compare(x[0], y[0]));
        long[] out = new long[spans.size() * 2];
        int n = 0;
        for (long[] span : spans) {
            if (n > 0 && span[0] <= out[n - 1]) {
                out[n - 1] = Math.max(out[n - 1], span[1]);
            } else {
                out[n++] = span[0];
                out[n++] = span[1];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long total(long[] pairs) {
        long sum = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            sum += pairs[i + 1] - pairs[i];
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupportCalendar c
                && zone.equals(c.zone)
                && weekly.equals(c.weekly)
                && holidays.equals(c.holidays)
                && makeUpDays.equals(c.makeUpDays)
                && businessDay.equals(c.businessDay)
                && Objects.equals(holidaySet, c.holidaySet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, weekly, holidays, makeUpDays, businessDay, holidaySet);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SupportCalendar[").append(zone);
        weekly.forEach((day, windows) -> {
            if (!windows.isEmpty()) {
                s.append(' ').append(day.name(), 0, 3).append(windows);
            }
        });
        return s.append(", holidays=")
                .append(holidays.size())
                .append(", makeUpDays=")
                .append(makeUpDays.size())
                .append(", businessDay=")
                .append(businessDay)
                .append(']')
                .toString();
    }

    /** Collects a calendar's definition; not thread-safe. */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, List<OpenWindow>> weekly = new EnumMap<>(DayOfWeek.class);
        private final Set<LocalDate> holidays = new HashSet<>();
        private final Map<LocalDate, DayOfWeek> makeUpDays = new HashMap<>();
        private Duration businessDay;
        private String holidaySet;

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day, new ArrayList<>());
            }
        }

        /** Opens {@code window} on every regular {@code day}. */
        public Builder open(DayOfWeek day, OpenWindow window) {
            weekly.get(Objects.requireNonNull(day, "day")).add(Objects.requireNonNull(window, "window"));
            return this;
        }

        /** Opens {@code start}–{@code end} on each of {@code days}; see {@link OpenWindow#of}. */
        public Builder open(Collection<DayOfWeek> days, LocalTime start, LocalTime end) {
            OpenWindow window = OpenWindow.of(start, end);
            days.forEach(day -> open(day, window));
            return this;
        }

        /** Opens {@code window} on all seven days. */
        public Builder openEveryDay(OpenWindow window) {
            for (DayOfWeek day : DayOfWeek.values()) {
                open(day, window);
            }
            return this;
        }

        /** Opens {@code start}–{@code end} Monday to Friday. */
        public Builder openWeekdays(LocalTime start, LocalTime end) {
            return open(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
        }

        /** Closes {@code date} (in the calendar's zone) all day. */
        public Builder holiday(LocalDate date) {
            holidays.add(Objects.requireNonNull(date, "date"));
            return this;
        }

        public Builder holidays(Collection<LocalDate> dates) {
            dates.forEach(this::holiday);
            return this;
        }

        /** Opens {@code date} with the windows of a regular {@code worksAs}, whatever day it falls on. */
        public Builder makeUpDay(LocalDate date, DayOfWeek worksAs) {
            makeUpDays.put(Objects.requireNonNull(date, "date"), Objects.requireNonNull(worksAs, "worksAs"));
            return this;
        }

        /** Names the policy's holiday set whose dates this calendar takes (see {@link HolidaySets}). */
        public Builder holidaySet(String name) {
            this.holidaySet = name;
            return this;
        }

        /** Replaces every holiday and make-up day of {@code year.year()} by the year's own dates. */
        Builder replaceYear(HolidayYear year) {
            holidays.removeIf(d -> d.getYear() == year.year());
            makeUpDays.keySet().removeIf(d -> d.getYear() == year.year());
            holidays.addAll(year.closedDates());
            makeUpDays.putAll(year.openDates());
            return this;
        }

        /** Overrides the length of a business day, when the longest regular day is not the right unit. */
        public Builder businessDay(Duration length) {
            this.businessDay = Objects.requireNonNull(length, "length");
            return this;
        }

        /** @throws IllegalArgumentException if no day of the week has open time, or a date is both closed and open */
        public SupportCalendar build() {
            return new SupportCalendar(this);
        }
    }
}
