package com.supportdesk.sla;

import static com.supportdesk.sla.Times.LONDON;
import static com.supportdesk.sla.Times.SHANGHAI;
import static com.supportdesk.sla.Times.at;
import static com.supportdesk.sla.Times.bj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlaClockTest {

    static final Duration HOUR = Duration.ofHours(1);

    /** TECHNICAL B/C: every day 09:00–24:00, holidays included. */
    static final SupportCalendar DAILY_9_TO_24 = SupportCalendar.builder(SHANGHAI)
            .openEveryDay(OpenWindow.parse("09:00", "24:00"))
            .build();

    /** Monday to Friday 09:00–18:00 without holidays, for examples that must not depend on the sample list. */
    static final SupportCalendar WEEKDAYS_9_TO_18 = SupportCalendar.builder(SHANGHAI)
            .openWeekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))
            .build();

    static final SupportCalendar CN_BUSINESS = SlaPolicies.defaults()
            .rule(com.supportdesk.model.Severity.B, com.supportdesk.model.Category.BILLING)
            .calendar();

    static Instant due(SupportCalendar calendar, String start, Duration workingTime) {
        return SlaClock.due(calendar, bj(start), workingTime);
    }

    @Nested
    class TheExamplesOfTheSpec {
        @Test
        void b_submitted_monday_10_00_on_the_daily_calendar_is_due_tuesday_10_00() {
            Duration oneBusinessDay = Target.businessDays(1).workingTime(DAILY_9_TO_24);
            assertThat(oneBusinessDay).isEqualTo(Duration.ofHours(15));
            assertThat(due(DAILY_9_TO_24, "2026-03-02T10:00", oneBusinessDay)).isEqualTo(bj("2026-03-03T10:00"));
        }

        @Test
        void b_submitted_tuesday_02_00_starts_at_09_00_and_is_due_at_24_00_that_tuesday() {
            Instant due = due(DAILY_9_TO_24, "2026-03-03T02:00", Duration.ofHours(15));
            assertThat(due).isEqualTo(bj("2026-03-03T24:00")).isEqualTo(bj("2026-03-04T00:00"));
        }

        @Test
        void c_of_three_business_days_on_the_daily_calendar_is_due_three_days_later_at_the_same_time() {
            assertThat(due(
                            DAILY_9_TO_24,
                            "2026-03-02T10:00",
                            Target.businessDays(3).workingTime(DAILY_9_TO_24)))
                    .isEqualTo(bj("2026-03-05T10:00"));
        }

        @Test
        void a_business_day_of_a_weekday_calendar_is_nine_hours() {
            assertThat(WEEKDAYS_9_TO_18.businessDay()).isEqualTo(Duration.ofHours(9));
            assertThat(Target.businessDays(3).workingTime(WEEKDAYS_9_TO_18)).isEqualTo(Duration.ofHours(27));
        }

        @Test
        void billing_b_submitted_friday_17_00_carries_over_the_weekend_to_monday_17_00() {
            assertThat(due(WEEKDAYS_9_TO_18, "2026-03-06T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-03-09T17:00"));
        }

        @Test
        void a_response_due_exactly_at_closing_time_is_due_then_not_at_the_next_opening() {
            assertThat(due(WEEKDAYS_9_TO_18, "2026-03-02T09:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-03-02T18:00"));
        }
    }

    @Nested
    class ZeroAndClosedStarts {
        @Test
        void zero_working_time_is_due_at_the_start_even_when_closed() {
            assertThat(due(WEEKDAYS_9_TO_18, "2026-03-07T03:00", Duration.ZERO)).isEqualTo(bj("2026-03-07T03:00"));
        }

        @Test
        void a_clock_started_at_night_counts_from_the_next_opening() {
            assertThat(due(WEEKDAYS_9_TO_18, "2026-03-02T03:00", HOUR)).isEqualTo(bj("2026-03-02T10:00"));
        }

        @Test
        void nothing_elapses_while_closed() {
            assertThat(SlaClock.elapsed(WEEKDAYS_9_TO_18, bj("2026-03-06T18:00"), bj("2026-03-09T09:00")))
                    .isZero();
        }

        @Test
        void elapsed_backwards_is_negative() {
            assertThat(SlaClock.elapsed(DAILY_9_TO_24, bj("2026-03-03T10:00"), bj("2026-03-02T10:00")))
                    .isEqualTo(Duration.ofHours(-15));
        }

        @Test
        void negative_working_time_is_refused() {
            assertThatThrownBy(() -> due(DAILY_9_TO_24, "2026-03-02T10:00", Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Midnight {
        @Test
        void a_24x7_calendar_has_no_closed_minute_at_midnight() {
            SupportCalendar always = SupportCalendar.twentyFourSeven(SHANGHAI);
            assertThat(always.isOpen(bj("2026-03-02T00:00"))).isTrue();
            assertThat(always.isOpen(bj("2026-03-01T23:59:59.999999999"))).isTrue();
            assertThat(due(always, "2026-03-01T23:30", HOUR)).isEqualTo(bj("2026-03-02T00:30"));
            assertThat(SlaClock.elapsed(always, bj("2026-03-01T23:00"), bj("2026-03-02T01:00")))
                    .isEqualTo(Duration.ofHours(2));
        }

        @Test
        void a_calendar_open_00_00_to_24_00_with_holidays_elsewhere_is_open_across_midnight_too() {
            // Not the 24x7 shortcut: a far-away holiday forces the day-by-day walk.
            SupportCalendar allDays = SupportCalendar.builder(SHANGHAI)
                    .openEveryDay(OpenWindow.allDay())
                    .holiday(LocalDate.of(2030, 1, 1))
                    .build();
            assertThat(allDays.isAlwaysOpen()).isFalse();
            assertThat(due(allDays, "2026-03-01T23:30", HOUR)).isEqualTo(bj("2026-03-02T00:30"));
            assertThat(allDays.isOpen(bj("2026-03-02T00:00"))).isTrue();
        }

        @Test
        void an_end_time_of_00_00_means_24_00_and_does_not_loop() {
            assertThat(OpenWindow.of(LocalTime.of(9, 0), LocalTime.MIDNIGHT))
                    .isEqualTo(OpenWindow.untilEndOfDay(LocalTime.of(9, 0)))
                    .isEqualTo(OpenWindow.parse("09:00", "24:00"));
            SupportCalendar calendar = SupportCalendar.builder(SHANGHAI)
                    .open(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.MIDNIGHT)
                    .build();
            Instant due = assertTimeoutPreemptively(
                    Duration.ofSeconds(2), () -> due(calendar, "2026-03-03T02:00", Duration.ofHours(15)));
            assertThat(due).isEqualTo(bj("2026-03-04T00:00"));
        }

        @Test
        void a_window_00_00_to_00_00_is_the_whole_day() {
            assertThat(OpenWindow.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)).isEqualTo(OpenWindow.allDay());
        }

        @Test
        void a_night_window_22_00_to_06_00_runs_into_the_next_morning() {
            SupportCalendar nights = SupportCalendar.builder(SHANGHAI)
                    .openEveryDay(OpenWindow.of(LocalTime.of(22, 0), LocalTime.of(6, 0)))
                    .build();
            assertThat(nights.businessDay()).isEqualTo(Duration.ofHours(8));
            assertThat(due(nights, "2026-03-02T23:00", Duration.ofHours(4))).isEqualTo(bj("2026-03-03T03:00"));
            assertThat(due(nights, "2026-03-03T07:00", Duration.ofHours(8))).isEqualTo(bj("2026-03-04T06:00"));
            assertThat(nights.isOpen(bj("2026-03-03T05:59"))).isTrue();
            assertThat(nights.isOpen(bj("2026-03-03T06:00"))).isFalse();
        }

        @Test
        void a_holiday_closes_the_morning_part_of_the_previous_night_window() {
            SupportCalendar nights = SupportCalendar.builder(SHANGHAI)
                    .openEveryDay(OpenWindow.of(LocalTime.of(22, 0), LocalTime.of(6, 0)))
                    .holiday(LocalDate.of(2026, 3, 3))
                    .build();
            // Monday 23:00–24:00, Tuesday closed (and its night never opens), Wednesday 22:00 on.
            assertThat(due(nights, "2026-03-02T23:00", Duration.ofHours(4))).isEqualTo(bj("2026-03-05T01:00"));
        }
    }

    @Nested
    class HolidaysAndMakeUpDays {
        @Test
        void the_national_day_week_is_closed_on_the_business_calendar() {
            // Wednesday 2026-09-30 17:00 + 9 h: one hour that day, then closed 1–7 October, Thursday 8th from 09:00.
            assertThat(due(CN_BUSINESS, "2026-09-30T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-10-08T17:00"));
        }

        @Test
        void a_make_up_working_day_on_a_sunday_is_open() {
            // Sunday 2026-01-04 is worked to make up for New Year; the 1st to 3rd are holidays.
            assertThat(LocalDate.of(2026, 1, 4).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(CN_BUSINESS.isOpen(bj("2026-01-04T10:00"))).isTrue();
            assertThat(CN_BUSINESS.isOpen(bj("2026-01-02T10:00"))).isFalse();
            assertThat(due(CN_BUSINESS, "2026-01-01T10:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-01-04T18:00"));
        }

        @Test
        void the_spring_festival_make_up_saturday_is_worked_and_the_festival_is_not() {
            assertThat(due(CN_BUSINESS, "2026-02-13T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-02-14T17:00"));
            assertThat(due(CN_BUSINESS, "2026-02-14T18:30", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-02-24T18:00"));
        }

        @Test
        void the_daily_technical_calendar_ignores_public_holidays() {
            SupportCalendar technical = SlaPolicies.defaults()
                    .rule(com.supportdesk.model.Severity.B, com.supportdesk.model.Category.TECHNICAL)
                    .calendar();
            assertThat(technical.isOpen(bj("2026-10-01T09:00"))).isTrue();
            assertThat(technical.holidays()).isEmpty();
        }

        @Test
        void a_month_end_into_the_labour_day_holidays() {
            assertThat(due(CN_BUSINESS, "2026-04-30T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2026-05-06T17:00"));
        }

        @Test
        void a_date_cannot_be_both_holiday_and_make_up_day() {
            assertThatThrownBy(() -> SupportCalendar.builder(SHANGHAI)
                            .openWeekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))
                            .holiday(LocalDate.of(2026, 1, 4))
                            .makeUpDay(LocalDate.of(2026, 1, 4), DayOfWeek.MONDAY)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2026-01-04");
        }

        @Test
        void a_calendar_that_never_opens_is_refused_when_built_not_looped_on_later() {
            assertThatThrownBy(() -> SupportCalendar.builder(SHANGHAI).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("open hours");
        }
    }

    @Nested
    class YearEndsAndLeapDays {
        static final SupportCalendar WEEKDAYS_WITH_NEW_YEAR = WEEKDAYS_9_TO_18.toBuilder()
                .holiday(LocalDate.of(2027, 1, 1))
                .holiday(LocalDate.of(2028, 2, 29))
                .build();

        @Test
        void a_case_from_new_years_eve_2026_is_due_in_2027() {
            assertThat(due(WEEKDAYS_WITH_NEW_YEAR, "2026-12-31T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2027-01-04T17:00"));
            assertThat(due(DAILY_9_TO_24, "2026-12-31T20:00", Duration.ofHours(15)))
                    .isEqualTo(bj("2027-01-01T20:00"));
        }

        @Test
        void the_leap_day_2028_is_a_working_day_like_any_other() {
            assertThat(due(DAILY_9_TO_24, "2028-02-28T20:00", Duration.ofHours(15)))
                    .isEqualTo(bj("2028-02-29T20:00"));
            assertThat(due(WEEKDAYS_9_TO_18, "2028-02-28T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2028-02-29T17:00"));
        }

        @Test
        void a_holiday_on_the_leap_day_moves_the_due_time_to_the_first_of_march() {
            assertThat(due(WEEKDAYS_WITH_NEW_YEAR, "2028-02-28T17:00", Duration.ofHours(9)))
                    .isEqualTo(bj("2028-03-01T17:00"));
        }
    }

    @Nested
    class DaylightSavingTime {
        static final SupportCalendar LONDON_9_TO_18 = SupportCalendar.builder(LONDON)
                .openEveryDay(OpenWindow.parse("09:00", "18:00"))
                .build();

        @Test
        void on_the_spring_change_a_9_to_18_window_still_opens_and_closes_on_the_wall_clock() {
            // Sunday 2026-03-29: clocks go from 01:00 GMT to 02:00 BST.
            assertThat(SlaClock.due(LONDON_9_TO_18, at(LONDON, "2026-03-29T08:00"), Duration.ofHours(9)))
                    .isEqualTo(at(LONDON, "2026-03-29T18:00"))
                    .isEqualTo(Instant.parse("2026-03-29T17:00:00Z"));
            assertThat(SlaClock.elapsed(LONDON_9_TO_18, at(LONDON, "2026-03-28T00:00"), at(LONDON, "2026-03-30T00:00")))
                    .isEqualTo(Duration.ofHours(18));
        }

        @Test
        void on_the_autumn_change_a_9_to_18_window_still_opens_and_closes_on_the_wall_clock() {
            // Sunday 2026-10-25: clocks go back from 02:00 BST to 01:00 GMT.
            assertThat(SlaClock.due(LONDON_9_TO_18, at(LONDON, "2026-10-24T17:00"), Duration.ofHours(2)))
                    .isEqualTo(at(LONDON, "2026-10-25T10:00"))
                    .isEqualTo(Instant.parse("2026-10-25T10:00:00Z"));
        }

        @Test
        void across_a_change_one_hour_of_24x7_time_is_one_hour_of_real_time() {
            SupportCalendar shortcut = SupportCalendar.twentyFourSeven(LONDON);
            SupportCalendar walked = SupportCalendar.builder(LONDON)
                    .openEveryDay(OpenWindow.allDay())
                    .holiday(LocalDate.of(2031, 1, 1))
                    .build();
            for (SupportCalendar calendar : new SupportCalendar[] {shortcut, walked}) {
                assertThat(SlaClock.due(calendar, Instant.parse("2026-03-29T00:30:00Z"), HOUR))
                        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
                assertThat(SlaClock.due(calendar, Instant.parse("2026-10-25T00:30:00Z"), HOUR))
                        .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
                assertThat(SlaClock.elapsed(calendar, at(LONDON, "2026-03-29T00:00"), at(LONDON, "2026-03-30T00:00")))
                        .isEqualTo(Duration.ofHours(23));
                assertThat(SlaClock.elapsed(calendar, at(LONDON, "2026-10-25T00:00"), at(LONDON, "2026-10-26T00:00")))
                        .isEqualTo(Duration.ofHours(25));
            }
        }

        @Test
        void a_window_that_lies_in_the_skipped_hour_has_no_open_time() {
            SupportCalendar skipped = SupportCalendar.builder(LONDON)
                    .open(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 15), LocalTime.of(1, 45))
                    .open(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(10, 0))
                    .build();
            assertThat(SlaClock.elapsed(skipped, at(LONDON, "2026-03-29T00:00"), at(LONDON, "2026-03-30T00:00")))
                    .isZero();
            assertThat(SlaClock.due(skipped, at(LONDON, "2026-03-29T00:00"), Duration.ofMinutes(10)))
                    .isEqualTo(at(LONDON, "2026-03-30T09:10"));
        }
    }

    @Nested
    class WarningAndRemaining {
        @Test
        void a_one_hour_target_warns_with_fifteen_minutes_left() {
            SupportCalendar always = SupportCalendar.twentyFourSeven(SHANGHAI);
            assertThat(SlaClock.warningAt(always, bj("2026-03-02T10:00"), HOUR, WarningThreshold.shareLeft(0.25)))
                    .isEqualTo(bj("2026-03-02T10:45"));
        }

        @Test
        void the_warning_of_a_b_case_is_counted_in_open_hours() {
            // 15 h target, 25 % left = 3h45m; 11h15m after Monday 10:00 on the 09–24 calendar.
            assertThat(SlaClock.warningAt(
                            DAILY_9_TO_24,
                            bj("2026-03-02T10:00"),
                            Duration.ofHours(15),
                            WarningThreshold.shareLeft(0.25)))
                    .isEqualTo(bj("2026-03-02T21:15"));
            // Friday 17:00 + 6h45m on weekdays: one hour on Friday, 5h45m on Monday.
            assertThat(SlaClock.warningAt(
                            WEEKDAYS_9_TO_18,
                            bj("2026-03-06T17:00"),
                            Duration.ofHours(9),
                            WarningThreshold.shareLeft(0.25)))
                    .isEqualTo(bj("2026-03-09T14:45"));
        }

        @Test
        void a_warning_given_in_minutes_fires_that_much_open_time_before_the_due_time() {
            // Due Tuesday 10:00. With one open hour left the warning is due the moment that hour is all that is
            // left, at Monday 24:00 when the desk closes, not at Tuesday's opening.
            assertThat(SlaClock.warningAt(
                            DAILY_9_TO_24,
                            bj("2026-03-02T10:00"),
                            Duration.ofHours(15),
                            WarningThreshold.timeLeft(Duration.ofMinutes(60))))
                    .isEqualTo(bj("2026-03-02T24:00"));
            // Due Tuesday 10:00; 90 open minutes earlier reaches back over the closed night to Monday 23:30.
            assertThat(SlaClock.warningAt(
                            DAILY_9_TO_24,
                            bj("2026-03-02T10:00"),
                            Duration.ofHours(15),
                            WarningThreshold.timeLeft(Duration.ofMinutes(90))))
                    .isEqualTo(bj("2026-03-02T23:30"));
        }

        @Test
        void remaining_time_ignores_closed_hours_and_goes_negative_when_overdue() {
            assertThat(SlaClock.remaining(
                            DAILY_9_TO_24, bj("2026-03-02T10:00"), Duration.ofHours(15), bj("2026-03-03T08:00")))
                    .isEqualTo(Duration.ofHours(1));
            assertThat(SlaClock.remaining(
                            DAILY_9_TO_24, bj("2026-03-02T10:00"), Duration.ofHours(15), bj("2026-03-03T11:00")))
                    .isEqualTo(Duration.ofHours(-1));
        }
    }
}
