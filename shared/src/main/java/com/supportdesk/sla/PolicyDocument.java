package com.supportdesk.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the JSON form of {@link SlaPolicies}. Walks the tree by hand rather than binding classes, so
 * every error names the exact place in the document an operator has to fix.
 */
final class PolicyDocument {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PolicyDocument() {}

    static SlaPolicies read(InputStream json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("SLA policy is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Node doc = new Node(root, "$")
                .object(
                        "calendars",
                        "holidaySets",
                        "rules",
                        "warning",
                        "followUp",
                        "downgrade",
                        "downgradeNotice",
                        "autoClose");

        Map<String, NavigableMap<Integer, HolidayYear>> holidaySets = new TreeMap<>();
        Node sets = doc.optional("holidaySets");
        if (sets != null) {
            sets.fields().forEach(set -> holidaySets.put(set.name(), holidaySet(set)));
        }
        Map<String, SupportCalendar> calendars = new HashMap<>();
        doc.required("calendars").fields().forEach(c -> calendars.put(c.name(), calendar(c, holidaySets)));

        SlaPolicies.Builder policies = SlaPolicies.builder().holidaySets(HolidaySets.of(holidaySets));
        for (Node rule : doc.required("rules").elements()) {
            rule.object("category", "severity", "target", "calendar");
            policies.rule(
                    rule.required("category").enumValue(Category.class),
                    rule.required("severity").enumValue(Severity.class),
                    target(rule.required("target")),
                    rule.required("calendar").reference(calendars));
        }
        Node warning = doc.optional("warning");
        if (warning != null) {
            warning.object("shareLeft", "timeLeft");
            Node share = warning.optional("shareLeft");
            Node time = warning.optional("timeLeft");
            if ((share == null) == (time == null)) {
                throw warning.error("give exactly one of shareLeft and timeLeft");
            }
            policies.warning(warning.build(() -> share != null
                    ? WarningThreshold.shareLeft(share.number())
                    : WarningThreshold.timeLeft(time.duration())));
        }
        Node followUp = doc.optional("followUp");
        if (followUp != null) {
            followUp.object("severities", "every", "calendar");
            Set<Severity> severities = EnumSet.noneOf(Severity.class);
            followUp.required("severities").elements().forEach(s -> severities.add(s.enumValue(Severity.class)));
            Duration every = followUp.required("every").duration();
            SupportCalendar calendar = followUp.required("calendar").reference(calendars);
            policies.followUp(followUp.build(() -> new FollowUpPolicy(severities, every, calendar)));
        }
        Node downgrade = doc.optional("downgrade");
        if (downgrade != null) {
            downgrade.object(names(Severity.class));
            downgrade.fields().forEach(d -> {
                Severity from = Severity.valueOf(d.name());
                Target after = target(d);
                d.check(() -> policies.downgradeAfter(from, after));
            });
        }
        Node notice = doc.optional("downgradeNotice");
        if (notice != null) {
            notice.object("before");
            Duration before = notice.required("before").duration();
            notice.check(() -> policies.downgradeNotice(before));
        }
        Node autoClose = doc.optional("autoClose");
        if (autoClose != null) {
            autoClose.object("after");
            Duration after = autoClose.required("after").duration();
            autoClose.check(() -> policies.autoCloseAfter(after));
        }
        return doc.build(policies::build);
    }

    private static SupportCalendar calendar(Node c, Map<String, NavigableMap<Integer, HolidayYear>> holidaySets) {
        c.object("zone", "open", "holidays", "businessDay");
        ZoneId zone =
                c.required("zone").build(() -> ZoneId.of(c.required("zone").text()));
        SupportCalendar.Builder calendar = SupportCalendar.builder(zone);
        for (Node window : c.required("open").elements()) {
            window.object("days", "from", "to");
            OpenWindow open = window.build(() -> OpenWindow.parse(
                    window.required("from").text(), window.required("to").text()));
            for (Node day : window.required("days").elements()) {
                calendar.open(day.enumValue(DayOfWeek.class), open);
            }
        }
        Node holidays = c.optional("holidays");
        if (holidays != null) {
            String name = holidays.text();
            holidays.reference(holidaySets).values().forEach(calendar::replaceYear);
            calendar.holidaySet(name);
        }
        Node businessDay = c.optional("businessDay");
        if (businessDay != null) {
            calendar.businessDay(businessDay.duration());
        }
        return c.build(calendar::build);
    }

    /**
     * A holiday set, a year at a time: a range over New Year is split between its years; the years named in
     * {@code provisionalYears} are provisional (and exist even when they list nothing yet).
     */
    private static NavigableMap<Integer, HolidayYear> holidaySet(Node set) {
        set.object("holidays", "makeUpWorkingDays", "provisionalYears");
        Map<Integer, List<HolidayYear.Holiday>> holidays = new TreeMap<>();
        Map<Integer, List<HolidayYear.MakeUpDay>> makeUps = new TreeMap<>();
        Set<Integer> provisional = new java.util.TreeSet<>();
        Node dates = set.optional("holidays");
        if (dates != null) {
            for (Node holiday : dates.elements()) {
                String name;
                LocalDate from;
                LocalDate to;
                if (holiday.json.isTextual()) {
                    from = holiday.date();
                    to = from;
                    name = from.toString();
                } else {
                    holiday.object("name", "from", "to");
                    from = holiday.required("from").date();
                    to = holiday.required("to").date();
                    Node named = holiday.optional("name");
                    name = named == null ? from.toString() : named.text();
                    if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
                        throw holiday.error("'to' must be on or after 'from', within a year");
                    }
                }
                for (int y = from.getYear(); y <= to.getYear(); y++) {
                    LocalDate start = from.getYear() == y ? from : LocalDate.of(y, 1, 1);
                    LocalDate end = to.getYear() == y ? to : LocalDate.of(y, 12, 31);
                    holidays.computeIfAbsent(y, k -> new ArrayList<>()).add(new HolidayYear.Holiday(name, start, end));
                }
            }
        }
        Node makeUpDays = set.optional("makeUpWorkingDays");
        if (makeUpDays != null) {
            for (Node makeUp : makeUpDays.elements()) {
                makeUp.object("name", "date", "worksAs");
                LocalDate date = makeUp.required("date").date();
                Node named = makeUp.optional("name");
                makeUps.computeIfAbsent(date.getYear(), k -> new ArrayList<>())
                        .add(new HolidayYear.MakeUpDay(
                                named == null ? date.toString() : named.text(),
                                date,
                                makeUp.required("worksAs").enumValue(DayOfWeek.class)));
            }
        }
        Node years = set.optional("provisionalYears");
        if (years != null) {
            for (Node year : years.elements()) {
                if (!year.json.canConvertToExactIntegral() || !year.json.canConvertToInt()) {
                    throw year.error("expected a year such as 2027");
                }
                provisional.add(year.json.intValue());
            }
        }
        Set<Integer> all = new java.util.TreeSet<>(provisional);
        all.addAll(holidays.keySet());
        all.addAll(makeUps.keySet());
        NavigableMap<Integer, HolidayYear> byYear = new TreeMap<>();
        for (int year : all) {
            byYear.put(
                    year,
                    set.build(() -> new HolidayYear(
                            set.name(),
                            year,
                            provisional.contains(year),
                            holidays.getOrDefault(year, List.of()),
                            makeUps.getOrDefault(year, List.of()))));
        }
        return byYear;
    }

    private static Target target(Node t) {
        t.object("duration", "businessDays");
        Node duration = t.optional("duration");
        Node days = t.optional("businessDays");
        if ((duration == null) == (days == null)) {
            throw t.error("give exactly one of duration and businessDays");
        }
        if (duration != null) {
            return t.build(() -> Target.of(duration.duration()));
        }
        if (!days.json.canConvertToExactIntegral() || !days.json.canConvertToInt()) {
            throw days.error("expected a whole number of business days");
        }
        return t.build(() -> Target.businessDays(days.json.intValue()));
    }

    private static <E extends Enum<E>> String[] names(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = constants[i].name();
        }
        return names;
    }

    /** A JSON node and where it is in the document. */
    private record Node(JsonNode json, String path) {

        String name() {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        Node object(String... allowed) {
            if (!json.isObject()) {
                throw error("expected an object");
            }
            Set<String> known = Set.of(allowed);
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.startsWith("_") && !known.contains(field)) {
                    throw error("unknown key '" + field + "' (known: " + String.join(", ", allowed) + ")");
                }
            }
            return this;
        }

        Node optional(String field) {
            JsonNode child = json.get(field);
            return child == null || child.isNull() ? null : new Node(child, path + "." + field);
        }

        Node required(String field) {
            Node child = optional(field);
            if (child == null) {
                throw error("missing '" + field + "'");
            }
            return child;
        }

        List<Node> fields() {
            if (!json.isObject()) {
                throw error("expected an object");
            }
            List<Node> out = new ArrayList<>();
            json.fieldNames().forEachRemaining(name -> {
                if (!name.startsWith("_")) {
                    out.add(new Node(json.get(name), path + "." + name));
                }
            });
            return out;
        }

        List<Node> elements() {
            if (!json.isArray()) {
                throw error("expected an array");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                out.add(new Node(json.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        String text() {
            if (!json.isTextual()) {
                throw error("expected a string");
            }
            return json.textValue();
        }

        double number() {
            if (!json.isNumber()) {
                throw error("expected a number");
            }
            return json.doubleValue();
        }

        <E extends Enum<E>> E enumValue(Class<E> type) {
            String value = text();
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw error("'" + value + "' is not one of " + String.join(", ", names(type)));
            }
        }

        Duration duration() {
            String value = text();
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw error("'" + value + "' is not an ISO-8601 duration such as PT4H");
            }
        }

        LocalDate date() {
            String value = text();
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw error("'" + value + "' is not a date such as 2026-10-01");
            }
        }

        <T> T reference(Map<String, T> names) {
            String name = text();
            T target = names.get(name);
            if (target == null) {
                throw error("unknown name '" + name + "' (defined: " + String.join(", ", names.keySet()) + ")");
            }
            return target;
        }

        /** Runs a constructor, prefixing any validation error with this node's place. */
        <T> T build(java.util.function.Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (PolicyError e) {
                throw e;
            } catch (IllegalArgumentException | DateTimeException e) {
                throw error(e.getMessage());
            }
        }

        void check(Runnable step) {
            build(() -> {
                step.run();
                return null;
            });
        }

        PolicyError error(String message) {
            return new PolicyError("SLA policy " + path + ": " + message);
        }
    }

    private static final class PolicyError extends IllegalArgumentException {
        PolicyError(String message) {
            super(message);
        }
    }
}
