package com.supportdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The algebra of open time, on generated calendars: random windows (24:00 ends, midnight-crossing
 * windows, whole days), random zones with and without DST, holidays and make-up days near the start.
 */
class SlaClockPropertiesTest {

    static final List<ZoneId> ZONES = List.of(
                    "Asia/Shanghai",
                    "Europe/London",
                    "America/Los_Angeles",
                    "Australia/Lord_Howe",
                    "Asia/Kolkata",
                    "Asia/Kathmandu",
                    "UTC",
                    "Pacific/Kiritimati")
            .stream()
            .map(ZoneId::of)
            .toList();
    /** Zones with one offset in the years generated, where wall-clock time is a simple reference. */
    static final List<ZoneId> FIXED_ZONES = List.of("Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu", "UTC").stream()
            .map(ZoneId::of)
            .toList();

    record Scenario(SupportCalendar calendar, Instant start, Duration workingTime) {}

    @Property(tries = 400)
    void the_instant_just_before_a_due_time_is_open(@ForAll("scenarios") Scenario s) {
        Instant due = SlaClock.due(s.calendar(), s.start(), s.workingTime());
        if (s.workingTime().isZero()) {
            assertThat(due).isEqualTo(s.start());
        } else {
            assertThat(s.calendar().isOpen(due.minusNanos(1)))
                    .as("open just before %s", due)
                    .isTrue();
            assertThat(due).isAfter(s.start());
        }
    }

    @Property(tries = 400)
    void the_open_time_until_the_due_time_is_the_working_time(@ForAll("scenarios") Scenario s) {
        Instant due = SlaClock.due(s.calendar(), s.start(), s.workingTime());
        assertThat(SlaClock.elapsed(s.calendar(), s.start(), due)).isEqualTo(s.workingTime());
    }

    @Property(tries = 300)
    void due_times_never_go_back_when_the_start_or_the_working_time_grows(
            @ForAll("scenarios") Scenario s, @ForAll("shifts") Duration later, @ForAll("shifts") Duration more) {
        Instant due = SlaClock.due(s.calendar(), s.start(), s.workingTime());
        assertThat(SlaClock.due(s.calendar(), s.start().plus(later), s.workingTime()))
                .isAfterOrEqualTo(due);
        assertThat(SlaClock.due(s.calendar(), s.start(), s.workingTime().plus(more)))
                .isAfterOrEqualTo(due);
    }

    @Property(tries = 300)
    void open_time_adds_up_over_consecutive_intervals(
            @ForAll("scenarios") Scenario s, @ForAll("shifts") Duration first, @ForAll("shifts") Duration second) {
        Instant middle = s.start().plus(first);
        Instant end = middle.plus(second);
        assertThat(SlaClock.elapsed(s.calendar(), s.start(), middle).plus(SlaClock.elapsed(s.calendar(), middle, end)))
                .isEqualTo(SlaClock.elapsed(s.calendar(), s.start(), end));
    }

    @Property(tries = 300)
    void a_24x7_calendar_is_plain_duration_arithmetic(
            @ForAll("zones") ZoneId zone,
            @ForAll("starts") Instant start,
            @ForAll("workingTimes") Duration workingTime) {
        SupportCalendar shortcut = SupportCalendar.twentyFourSeven(zone);
        // Same hours, but a holiday long after the generated range forces the day-by-day walk.
        SupportCalendar walked = SupportCalendar.builder(zone)
                .openEveryDay(OpenWindow.allDay())
                .holiday(LocalDate.of(2100, 1, 1))
                .build();
        for (SupportCalendar calendar : List.of(shortcut, walked)) {
            Instant due = SlaClock.due(calendar, start, workingTime);
            assertThat(due).isEqualTo(start.plus(workingTime));
            assertThat(SlaClock.elapsed(calendar, start, due)).isEqualTo(workingTime);
        }
    }

    @Property(tries = 100)
    void results_do_not_depend_on_the_jvm_default_zone(@ForAll("scenarios") Scenario s) {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            Instant due = SlaClock.due(s.calendar(), s.start(), s.workingTime());
            boolean open = s.calendar().isOpen(s.start());
            for (String zone :
                    List.of("America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai", "Pacific/Pago_Pago")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertThat(SlaClock.due(s.calendar(), s.start(), s.workingTime()))
                        .as(zone)
                        .isEqualTo(due);
                assertThat(s.calendar().isOpen(s.start())).as(zone).isEqualTo(open);
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    /**
     * Against a reference that steps minute by minute through wall-clock time, built only from the
     * calendar's public definition, in zones without DST where wall-clock minutes are real minutes.
     */
    @Property(tries = 150)
    void due_matches_a_minute_by_minute_reference(@ForAll("fixedZoneScenarios") Scenario s) {
        SupportCalendar calendar = s.calendar();
        long minutes = s.workingTime().toMinutes();
        Instant start = s.start().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        LocalDateTime local = LocalDateTime.ofInstant(start, calendar.zone());
        ZoneOffset offset = calendar.zone().getRules().getOffset(start);
        long counted = 0;
        for (int step = 0; counted < minutes && step < 200_000; step++, local = local.plusMinutes(1)) {
            if (openByDefinition(calendar, local)) {
                counted++;
            }
        }
        if (counted < minutes) {
            return; // the reference gave up on a very sparse calendar; other properties still cover it
        }
        Instant expected = minutes == 0 ? start : local.toInstant(offset);
        assertThat(SlaClock.due(calendar, start, Duration.ofMinutes(minutes))).isEqualTo(expected);
    }

    static boolean openByDefinition(SupportCalendar calendar, LocalDateTime at) {
        LocalDate date = at.toLocalDate();
        if (calendar.holidays().contains(date)) {
            return false;
        }
        long minute = at.toLocalTime().toSecondOfDay() / 60;
        for (OpenWindow w : windowsOf(calendar, date)) {
            long from = w.start().toSecondOfDay() / 60;
            if (minute >= from && minute < from + w.length().toMinutes()) {
                return true;
            }
        }
        LocalDate previous = date.minusDays(1);
        if (!calendar.holidays().contains(previous)) {
            for (OpenWindow w : windowsOf(calendar, previous)) {
                long end = w.start().toSecondOfDay() / 60 + w.length().toMinutes();
                if (minute < end - 24 * 60) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<OpenWindow> windowsOf(SupportCalendar calendar, LocalDate date) {
        return calendar.windows(calendar.makeUpDays().getOrDefault(date, date.getDayOfWeek()));
    }

    // ---- generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        return scenarios(Arbitraries.of(ZONES), workingTimes());
    }

    @Provide
    Arbitrary<Scenario> fixedZoneScenarios() {
        return scenarios(
                Arbitraries.of(FIXED_ZONES),
                Arbitraries.longs().between(0, 40 * 60).map(Duration::ofMinutes));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<Instant> starts() {
        // 2025-12-01 to 2028-12-31, to the second: crosses year ends, the 2028 leap day and DST changes.
        return Arbitraries.longs().between(1_764_547_200L, 1_861_833_600L).flatMap(seconds -> Arbitraries.oneOf(
                        Arbitraries.just(0L), Arbitraries.longs().between(0, 999_999_999L))
                .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    }

    @Provide
    Arbitrary<Duration> workingTimes() {
        return Arbitraries.frequencyOf(
                Tuple(1, Arbitraries.just(Duration.ZERO)),
                Tuple(6, Arbitraries.longs().between(1, 60 * 60).map(Duration::ofMinutes)),
                Tuple(3, Arbitraries.longs().between(1, 200 * 3600L).map(Duration::ofSeconds)));
    }

    @Provide
    Arbitrary<Duration> shifts() {
        return Arbitraries.longs().between(0, 10 * 24 * 3600L).map(Duration::ofSeconds);
    }

    static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Duration>> Tuple(int weight, Arbitrary<Duration> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    static Arbitrary<Scenario> scenarios(Arbitrary<ZoneId> zones, Arbitrary<Duration> workingTimes) {
        Arbitrary<Instant> starts = new SlaClockPropertiesTest().starts();
        return Combinators.combine(zones, starts, workingTimes)
                .flatAs((zone, start, workingTime) -> calendars(zone, LocalDate.ofInstant(start, zone))
                        .map(c -> new Scenario(c, start, workingTime)));
    }

    /** Calendars whose holidays and make-up days fall in the weeks around {@code near}, so they matter. */
    static Arbitrary<SupportCalendar> calendars(ZoneId zone, LocalDate near) {
        Arbitrary<List<List<OpenWindow>>> weeks =
                windows().list().ofMaxSize(2).list().ofSize(7);
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(-3, 40).map(near::plusDays);
        Arbitrary<Set<LocalDate>> holidays = dates.set().ofMaxSize(12);
        Arbitrary<Map<LocalDate, DayOfWeek>> makeUps =
                Arbitraries.maps(dates, Arbitraries.of(DayOfWeek.class)).ofMaxSize(3);
        return Combinators.combine(weeks, holidays, makeUps).as((week, closed, opened) -> {
            SupportCalendar.Builder b = SupportCalendar.builder(zone);
            for (DayOfWeek day : DayOfWeek.values()) {
                week.get(day.ordinal()).forEach(w -> b.open(day, w));
            }
            if (week.stream().allMatch(List::isEmpty)) {
                b.open(DayOfWeek.WEDNESDAY, OpenWindow.parse("09:00", "18:00"));
            }
            b.holidays(closed);
            opened.forEach((date, worksAs) -> {
                if (!closed.contains(date)) {
                    b.makeUpDay(date, worksAs);
                }
            });
            return b.build();
        });
    }

    static Arbitrary<OpenWindow> windows() {
        Arbitrary<OpenWindow> quarterHours = Combinators.combine(
                        Arbitraries.integers().between(0, 95),
                        Arbitraries.integers().between(1, 96))
                .as((start, quarters) ->
                        new OpenWindow(LocalTime.ofSecondOfDay(start * 900L), Duration.ofMinutes(15L * quarters)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, quarterHours),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.of(
                                OpenWindow.parse("09:00", "24:00"),
                                OpenWindow.of(LocalTime.of(9, 0), LocalTime.MIDNIGHT),
                                OpenWindow.of(LocalTime.of(22, 0), LocalTime.of(6, 0)),
                                OpenWindow.parse("00:00", "24:00"),
                                OpenWindow.of(LocalTime.of(1, 0), LocalTime.of(3, 0)),
                                OpenWindow.parse("09:00", "18:00"))));
    }
}
