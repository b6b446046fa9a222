package com.supportdesk.holidays;

import com.supportdesk.api.Validate;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import com.supportdesk.sla.HolidaySets;
import com.supportdesk.sla.HolidayYear;
import com.supportdesk.sla.SlaPolicies;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Holiday operations for operators: the holiday sets a year at a time, and a change of one year, previewed
 * (which open cases' due times move, and by how much) before it is applied. Applying stores the year
 * ({@link HolidayStore}); the sweep reads the stored years every run and recomputes the next check of every
 * active case when they changed, and the HTTP functions read them again within
 * {@link SlaPolicySource#HOLIDAY_REFRESH}. Operators only: the sets are the desk's, not a tenant's.
 */
public final class HolidayService {
    /** The active cases a preview reads at most (every one is read whole from {@code byStatus}). */
    public static final int MAX_CASES_EXAMINED = 10_000;

    static final List<CaseStatus> ACTIVE =
            List.of(CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER);
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final int PAGE = 100;

    private final SlaPolicySource policies;
    private final HolidayStore store;
    private final CaseSweepStore cases;
    private final Clock clock;

    public HolidayService(SlaPolicySource policies, HolidayStore store, CaseSweepStore cases, Clock clock) {
        this.policies = policies;
        this.store = store;
        this.cases = cases;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ views

    /** Where a year's dates come from: the policy document, or an operator's change through the API. */
    public enum Source {
        POLICY,
        OPERATOR
    }

    /** One year of one set as the desk applies it. */
    public record YearView(
            String set,
            int year,
            boolean provisional,
            List<HolidayYear.Holiday> holidays,
            List<HolidayYear.MakeUpDay> makeUpWorkingDays,
            Source source,
            Long version,
            Instant updatedAt,
            String updatedBy) {

        static YearView of(HolidayYear y, Optional<StoredHolidayYear> stored) {
            return new YearView(
                    y.set(),
                    y.year(),
                    y.provisional(),
                    y.holidays(),
                    y.makeUpWorkingDays(),
                    stored.isPresent() ? Source.OPERATOR : Source.POLICY,
                    stored.map(StoredHolidayYear::version).orElse(null),
                    stored.map(StoredHolidayYear::updatedAt).orElse(null),
                    stored.map(StoredHolidayYear::updatedBy).orElse(null));
        }
    }

    public record SetView(String set, List<YearView> years) {}

    /** {@code GET /holidays}. */
    public record SetsView(List<SetView> sets) {}

    /**
     * The answer of {@code PUT /holidays/{set}/{year}}: the year before and after, and every clock of an
     * active case the change moves ({@code casesExamined} of them read; {@code complete} false when there
     * were more than {@link #MAX_CASES_EXAMINED}).
     */
    public record ChangeView(
            String set,
            int year,
            boolean dryRun,
            boolean applied,
            YearView before,
            YearView after,
            int casesExamined,
            boolean complete,
            List<HolidayPreview.Move> moves) {}

    // ------------------------------------------------------------------ requests

    /** A holiday of a request body: dates as ISO local dates ({@code 2027-02-06}). */
    public record HolidayEntry(String name, String from, String to) {}

    public record MakeUpEntry(String name, String date, DayOfWeek worksAs) {}

    /**
     * The body of {@code PUT /holidays/{set}/{year}}: the whole year. With {@code version} the change applies only
     * over that stored version (a conflict otherwise, and for a year never stored).
     */
    public record YearRequest(
            Boolean provisional, List<HolidayEntry> holidays, List<MakeUpEntry> makeUpWorkingDays, Long version) {}

    // ------------------------------------------------------------------ operations

    public SetsView list(Caller caller) {
        caller.require(Role.OPERATOR);
        Map<String, StoredHolidayYear> stored = stored();
        SlaPolicies effective = policies.base().withHolidayYears(years(stored));
        List<SetView> sets = new ArrayList<>();
        effective
                .holidaySets()
                .sets()
                .forEach((set, years) -> sets.add(new SetView(
                        set,
                        years.values().stream()
                                .map(y -> YearView.of(y, Optional.ofNullable(stored.get(key(set, y.year())))))
                                .toList())));
        return new SetsView(sets);
    }

    public YearView get(Caller caller, String set, String year) {
        caller.require(Role.OPERATOR);
        int y = year(year);
        Map<String, StoredHolidayYear> stored = stored();
        HolidaySets sets = policies.base().withHolidayYears(years(stored)).holidaySets();
        HolidayYear found =
                sets.year(set, y).orElseThrow(() -> Refusal.notFound(Text.of("NOT_FOUND.holidaySet", "id", set)));
        return YearView.of(found, Optional.ofNullable(stored.get(key(set, y))));
    }

    /** Previews ({@code dryRun}) or applies a new version of one year of one set. */
    public ChangeView put(Caller caller, String set, String year, YearRequest body, boolean dryRun) {
        caller.require(Role.OPERATOR);
        int y = year(year);
        SlaPolicies base = policies.base();
        if (!base.holidaySets().contains(set)) {
            throw Refusal.notFound(Text.of("NOT_FOUND.holidaySet", "id", set));
        }
        HolidayYear next = validated(set, y, body);
        Map<String, StoredHolidayYear> stored = stored();
        Optional<StoredHolidayYear> current = Optional.ofNullable(stored.get(key(set, y)));
        if (body.version() != null
                && current.map(StoredHolidayYear::version)
                        .filter(body.version()::equals)
                        .isEmpty()) {
            throw stale(set, y);
        }
        SlaPolicies before = base.withHolidayYears(years(stored));
        SlaPolicies after = before.withHolidayYears(List.of(next));
        HolidayYear was = before.holidaySets().year(set, y).orElseThrow();

        Instant now = clock.instant();
        List<SupportCase> active = new ArrayList<>();
        boolean complete = activeCases(active);
        List<HolidayPreview.Move> moves = HolidayPreview.moves(before, after, active, now);
        if (dryRun) {
            return new ChangeView(
                    set,
                    y,
                    true,
                    false,
                    YearView.of(was, current),
                    YearView.of(next, current),
                    active.size(),
                    complete,
                    moves);
        }
        StoredHolidayYear written = new StoredHolidayYear(
                next, current.map(StoredHolidayYear::version).orElse(0L) + 1, now, caller.subject());
        if (!store.put(written)) {
            throw stale(set, y);
        }
        policies.forgetHolidayYears();
        Log.info(
                "holiday_year_applied",
                Map.of(
                        "set", set,
                        "year", y,
                        "version", written.version(),
                        "provisional", next.provisional(),
                        "cases_moved",
                                moves.stream()
                                        .map(HolidayPreview.Move::caseId)
                                        .distinct()
                                        .count()));
        return new ChangeView(
                set,
                y,
                false,
                true,
                YearView.of(was, current),
                YearView.of(next, Optional.of(written)),
                active.size(),
                complete,
                moves);
    }

    // ------------------------------------------------------------------ plumbing

    /** Reads the active cases into {@code into}; false when there were more than {@link #MAX_CASES_EXAMINED}. */
    private boolean activeCases(List<SupportCase> into) {
        for (CaseStatus status : ACTIVE) {
            Optional<CaseSweepStore.Cursor> start = Optional.empty();
            do {
                CaseSweepStore.CasePage page = cases.byStatus(status, PAGE, start);
                for (CaseSweepStore.CaseRow row : page.cases()) {
                    if (into.size() >= MAX_CASES_EXAMINED) {
                        return false;
                    }
                    into.add(row.supportCase());
                }
                start = page.next();
            } while (start.isPresent());
        }
        return true;
    }

    private Map<String, StoredHolidayYear> stored() {
        Map<String, StoredHolidayYear> byKey = new LinkedHashMap<>();
        store.all().forEach(s -> byKey.put(key(s.year().set(), s.year().year()), s));
        return byKey;
    }

    private static List<HolidayYear> years(Map<String, StoredHolidayYear> stored) {
        return stored.values().stream().map(StoredHolidayYear::year).toList();
    }

    private static String key(String set, int year) {
        return set + "#" + year;
    }

    private static Refusal stale(String set, int year) {
        return Refusal.conflict("VERSION_CONFLICT", Text.of("VERSION_CONFLICT.holidays", "set", set, "year", year));
    }

    static int year(String raw) {
        if (raw == null || !YEAR.matcher(raw).matches()) {
            throw Validate.invalid("year", "year");
        }
        int year = Integer.parseInt(raw);
        if (year < HolidayYear.FIRST_YEAR || year > HolidayYear.LAST_YEAR) {
            throw Validate.invalid("year", "yearRange", "first", HolidayYear.FIRST_YEAR, "last", HolidayYear.LAST_YEAR);
        }
        return year;
    }

    static HolidayYear validated(String set, int year, YearRequest body) {
        List<HolidayEntry> holidays = Validate.present("holidays", body.holidays());
        List<MakeUpEntry> makeUps = body.makeUpWorkingDays() == null ? List.of() : body.makeUpWorkingDays();
        Validate.size("holidays", holidays, HolidayYear.MAX_HOLIDAYS);
        Validate.size("makeUpWorkingDays", makeUps, HolidayYear.MAX_MAKE_UP_DAYS);
        List<HolidayYear.Holiday> closed = new ArrayList<>();
        for (int i = 0; i < holidays.size(); i++) {
            String at = "holidays[" + i + "]";
            HolidayEntry h = Validate.present(at, holidays.get(i));
            closed.add(new HolidayYear.Holiday(
                    Validate.line(at + ".name", h.name(), HolidayYear.MAX_NAME),
                    date(at + ".from", h.from()),
                    date(at + ".to", h.to())));
        }
        List<HolidayYear.MakeUpDay> open = new ArrayList<>();
        for (int i = 0; i < makeUps.size(); i++) {
            String at = "makeUpWorkingDays[" + i + "]";
            MakeUpEntry m = Validate.present(at, makeUps.get(i));
            open.add(new HolidayYear.MakeUpDay(
                    Validate.line(at + ".name", m.name(), HolidayYear.MAX_NAME),
                    date(at + ".date", m.date()),
                    Validate.present(at + ".worksAs", m.worksAs())));
        }
        try {
            return new HolidayYear(set, year, Boolean.TRUE.equals(body.provisional()), closed, open);
        } catch (HolidayYear.Invalid e) {
            throw Refusal.invalid("INVALID_HOLIDAYS", e.text());
        }
    }

    private static LocalDate date(String field, String raw) {
        String value = Validate.present(field, raw);
        if (value.length() != 10) {
            throw Validate.invalid(field, "date", "example", "2027-02-06");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Validate.invalid(field, "date", "example", "2027-02-06");
        }
    }
}
