package com.supportdesk.sla;

import com.supportdesk.i18n.Text;
import com.supportdesk.model.Language;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One year of a holiday set (for example the Chinese public holidays of 2027): the holidays, the make-up
 * working days, and whether the year is provisional (not yet announced, dates built from the usual pattern).
 * Every date lies in {@code year}, as a local date of the calendars that use the set; a holiday that runs
 * over New Year belongs to both years, one part each. No date is both a holiday and a make-up day, and no
 * date is listed twice. Operators replace a year as a whole ({@code PUT /holidays/{set}/{year}}).
 *
 * @param set                the holiday set's name in the SLA policy ({@code holidaySets})
 * @param provisional        the arrangement is not yet official: the dates are a plausible placeholder
 * @param holidays           closed dates, as named ranges
 * @param makeUpWorkingDays  dates open although they would not be, each with the day whose windows it uses
 */
public record HolidayYear(
        String set, int year, boolean provisional, List<Holiday> holidays, List<MakeUpDay> makeUpWorkingDays) {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;
    public static final int MAX_HOLIDAYS = 60;
    public static final int MAX_MAKE_UP_DAYS = 30;
    public static final int MAX_NAME = 100;
    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    /** A closed range of dates, both ends included. */
    public record Holiday(String name, LocalDate from, LocalDate to) {
        public Holiday {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** A date that opens like a regular {@code worksAs}. */
    public record MakeUpDay(String name, LocalDate date, DayOfWeek worksAs) {
        public MakeUpDay {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(worksAs, "worksAs");
        }
    }

    /**
     * What is wrong with a year, naming the entry: a text of the {@code refusals} messages
     * ({@code INVALID_HOLIDAYS.*}) the operations API answers with, and its English words as the message.
     */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        // thrown and answered at once, never serialised; its text is not Serializable
        private final transient Text text;

        Invalid(Text text) {
            super(text.in(Language.EN));
            this.text = text;
        }

        public Text text() {
            return text;
        }
    }

    /** @throws Invalid naming the entry and what is wrong with it */
    public HolidayYear {
        if (set == null || !SET_NAME.matcher(set).matches()) {
            throw new Invalid(Text.of("INVALID_HOLIDAYS.set"));
        }
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new Invalid(Text.of("INVALID_HOLIDAYS.year", "first", FIRST_YEAR, "last", LAST_YEAR));
        }
        holidays = List.copyOf(holidays);
        makeUpWorkingDays = List.copyOf(makeUpWorkingDays);
        if (holidays.size() > MAX_HOLIDAYS) {
            throw new Invalid(Text.of("INVALID_HOLIDAYS.tooManyEntries", "field", "holidays", "max", MAX_HOLIDAYS));
        }
        if (makeUpWorkingDays.size() > MAX_MAKE_UP_DAYS) {
            throw new Invalid(
                    Text.of("INVALID_HOLIDAYS.tooManyEntries", "field", "makeUpWorkingDays", "max", MAX_MAKE_UP_DAYS));
        }
        TreeSet<LocalDate> closed = new TreeSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            Holiday h = holidays.get(i);
            String at = "holidays[" + i + "]";
            if (h.to().isBefore(h.from())) {
                throw new Invalid(Text.of(
                        "INVALID_HOLIDAYS.toBeforeFrom",
                        "entry",
                        at,
                        "to",
                        h.to().toString(),
                        "from",
                        h.from().toString()));
            }
            if (h.from().getYear() != year || h.to().getYear() != year) {
                throw new Invalid(Text.of("INVALID_HOLIDAYS.outsideYear", "entry", at, "year", year));
            }
            for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                if (!closed.add(d)) {
                    throw new Invalid(Text.of("INVALID_HOLIDAYS.alreadyHoliday", "entry", at, "date", d.toString()));
                }
            }
        }
        TreeSet<LocalDate> open = new TreeSet<>();
        for (int i = 0; i < makeUpWorkingDays.size(); i++) {
            MakeUpDay m = makeUpWorkingDays.get(i);
            String at = "makeUpWorkingDays[" + i + "]";
            if (m.date().getYear() != year) {
                throw new Invalid(Text.of(
                        "INVALID_HOLIDAYS.makeUpOutsideYear",
                        "entry",
                        at,
                        "date",
                        m.date().toString(),
                        "year",
                        year));
            }
            if (closed.contains(m.date())) {
                throw new Invalid(Text.of(
                        "INVALID_HOLIDAYS.makeUpIsHoliday",
                        "entry",
                        at,
                        "date",
                        m.date().toString()));
            }
            if (!open.add(m.date())) {
                throw new Invalid(Text.of(
                        "INVALID_HOLIDAYS.listedTwice",
                        "entry",
                        at,
                        "date",
                        m.date().toString()));
            }
        }
    }

    /** The year with nothing in it: no holiday, no make-up day. */
    public static HolidayYear empty(String set, int year, boolean provisional) {
        return new HolidayYear(set, year, provisional, List.of(), List.of());
    }

    /** Every closed date of the year. */
    public NavigableSet<LocalDate> closedDates() {
        TreeSet<LocalDate> dates = new TreeSet<>();
        holidays.forEach(h -> h.from().datesUntil(h.to().plusDays(1)).forEach(dates::add));
        return Collections.unmodifiableNavigableSet(dates);
    }

    /** Every make-up working day of the year and the day of the week it works as. */
    public NavigableMap<LocalDate, DayOfWeek> openDates() {
        TreeMap<LocalDate, DayOfWeek> dates = new TreeMap<>();
        makeUpWorkingDays.forEach(m -> dates.put(m.date(), m.worksAs()));
        return Collections.unmodifiableNavigableMap(dates);
    }

    /** The same dates under another provisional flag. */
    public HolidayYear withProvisional(boolean value) {
        return new HolidayYear(set, year, value, holidays, makeUpWorkingDays);
    }
}
