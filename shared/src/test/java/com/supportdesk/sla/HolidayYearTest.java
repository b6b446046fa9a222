package com.supportdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A holiday year's rules, the defaults' provisional 2027, and what laying a year over a policy changes. */
class HolidayYearTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static HolidayYear.Holiday holiday(String from, String to) {
        return new HolidayYear.Holiday("h", LocalDate.parse(from), LocalDate.parse(to));
    }

    private static HolidayYear.MakeUpDay makeUp(String date) {
        return new HolidayYear.MakeUpDay("m", LocalDate.parse(date), DayOfWeek.MONDAY);
    }

    private static Instant bj(String local) {
        return LocalDateTime.parse(local).atZone(BEIJING).toInstant();
    }

    private static SupportCalendar business(SlaPolicies policies) {
        return policies.rule(Severity.B, Category.BILLING).calendar();
    }

    @Test
    void theDefaultsKnowTheChineseSetAndMark2027Provisional() {
        HolidaySets sets = SlaPolicies.defaults().holidaySets();
        assertThat(sets.sets().keySet()).containsExactly("CN");
        assertThat(sets.year("CN", 2026).orElseThrow().provisional()).isFalse();
        HolidayYear y2027 = sets.year("CN", 2027).orElseThrow();
        assertThat(y2027.provisional()).isTrue();
        assertThat(y2027.closedDates()).contains(LocalDate.parse("2027-02-06"), LocalDate.parse("2027-02-14"));
        assertThat(y2027.openDates()).containsKey(LocalDate.parse("2027-02-20"));
        // an unknown year of a known set is empty; an unknown set is nothing
        assertThat(sets.year("CN", 2031).orElseThrow().holidays()).isEmpty();
        assertThat(sets.year("JP", 2027)).isEmpty();
        assertThat(business(SlaPolicies.defaults()).holidaySet()).contains("CN");
    }

    @Test
    void aYearRefusesDatesOutsideItDatesTwiceAndAMakeUpDayThatIsAHoliday() {
        assertThatThrownBy(() ->
                        new HolidayYear("CN", 2027, false, List.of(holiday("2027-12-31", "2028-01-01")), List.of()))
                .hasMessageContaining("holidays[0]")
                .hasMessageContaining("2027");
        assertThatThrownBy(() -> new HolidayYear(
                        "CN", 2027, false, List.of(holiday("2027-02-05", "2027-02-13")), List.of(makeUp("2027-02-07"))))
                .hasMessageContaining("makeUpWorkingDays[0]")
                .hasMessageContaining("also a holiday");
        assertThatThrownBy(() -> new HolidayYear(
                        "CN",
                        2027,
                        false,
                        List.of(holiday("2027-10-01", "2027-10-07"), holiday("2027-10-07", "2027-10-08")),
                        List.of()))
                .hasMessageContaining("holidays[1]");
        assertThatThrownBy(() ->
                        new HolidayYear("CN", 2027, false, List.of(holiday("2027-10-07", "2027-10-01")), List.of()))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> new HolidayYear(
                        "CN", 2027, false, List.of(), List.of(makeUp("2027-02-20"), makeUp("2027-02-20"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new HolidayYear("C#N", 2027, false, List.of(), List.of()))
                .hasMessageContaining("set");
    }

    @Test
    void layingTheAnnouncedSpringFestivalOverTheProvisionalOneMovesABusinessDueTime() {
        SlaPolicies before = SlaPolicies.defaults();
        HolidayYear announced = new HolidayYear(
                "CN", 2027, false, List.of(holiday("2027-02-05", "2027-02-13")), List.of(makeUp("2027-02-20")));
        SlaPolicies after = before.withHolidayYears(List.of(announced));

        Duration nine = Duration.ofHours(9);
        assertThat(SlaClock.due(business(before), bj("2027-02-04T15:00"), nine)).isEqualTo(bj("2027-02-05T15:00"));
        assertThat(SlaClock.due(business(after), bj("2027-02-04T15:00"), nine)).isEqualTo(bj("2027-02-15T15:00"));
        // the make-up Saturday works as a Monday
        assertThat(SlaClock.due(business(after), bj("2027-02-19T17:00"), Duration.ofHours(2)))
                .isEqualTo(bj("2027-02-20T10:00"));
        // the technical calendar follows no set and the 24x7 one neither: unchanged
        assertThat(after.rule(Severity.B, Category.TECHNICAL)).isEqualTo(before.rule(Severity.B, Category.TECHNICAL));
        assertThat(after.rule(Severity.A, Category.TECHNICAL)).isEqualTo(before.rule(Severity.A, Category.TECHNICAL));
        assertThat(after.holidaySets().year("CN", 2027)).contains(announced);
        // the same year again changes nothing; a set the policy does not define is left out
        assertThat(before.withHolidayYears(
                        List.of(before.holidaySets().year("CN", 2027).orElseThrow())))
                .isEqualTo(before);
        assertThat(before.withHolidayYears(List.of(HolidayYear.empty("JP", 2027, false))))
                .isEqualTo(before);
    }

    @Provide
    Arbitrary<HolidayYear> years2027() {
        Arbitrary<HolidayYear.Holiday> holidays = Combinators.combine(
                        Arbitraries.integers().between(0, 360),
                        Arbitraries.integers().between(0, 4))
                .as((day, length) -> {
                    LocalDate from = LocalDate.of(2027, 1, 1).plusDays(day);
                    LocalDate to = from.plusDays(length);
                    return new HolidayYear.Holiday("h", from, to.getYear() == 2027 ? to : from);
                });
        return holidays.list().ofMaxSize(6).map(list -> {
            List<HolidayYear.Holiday> disjoint = new ArrayList<>();
            List<LocalDate> taken = new ArrayList<>();
            for (HolidayYear.Holiday h : list) {
                List<LocalDate> dates = h.from().datesUntil(h.to().plusDays(1)).toList();
                if (dates.stream().noneMatch(taken::contains)) {
                    disjoint.add(h);
                    taken.addAll(dates);
                }
            }
            return new HolidayYear("CN", 2027, false, disjoint, List.of());
        });
    }

    @Property(tries = 200)
    void aChangeOf2027MovesNoDueTimeThatLiesWhollyIn2026(
            @ForAll("years2027") HolidayYear year, @ForAll("starts2026") Instant start) {
        SlaPolicies before = SlaPolicies.defaults();
        SlaPolicies after = before.withHolidayYears(List.of(year));
        Duration target = Duration.ofHours(27);
        Instant due = SlaClock.due(business(before), start, target);
        if (due.isBefore(bj("2027-01-01T00:00"))) {
            assertThat(SlaClock.due(business(after), start, target)).isEqualTo(due);
        }
        // and every due time after the change is still an instant the new calendar counts up to in full
        Instant moved = SlaClock.due(business(after), start, target);
        assertThat(SlaClock.elapsed(business(after), start, moved)).isEqualTo(target);
    }

    @Provide
    Arbitrary<Instant> starts2026() {
        return Arbitraries.longs()
                .between(
                        bj("2026-11-01T00:00").getEpochSecond(),
                        bj("2027-01-20T00:00").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }
}
