package com.supportdesk.i18n;

import com.supportdesk.model.Language;
import com.supportdesk.sla.FollowUpPolicy;
import com.supportdesk.sla.OpenWindow;
import com.supportdesk.sla.SlaRule;
import com.supportdesk.sla.SupportCalendar;
import com.supportdesk.sla.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guidance bundle in use: severity definitions, support hours and response targets in words, the
 * typical wait. Hours and targets are composed from the SLA policy itself, as the English wording of
 * {@code SupportDirectory} is, so the words never disagree with the clocks in any language.
 */
public final class GuidanceTexts {
    private static final Messages BUNDLE = ApiTexts.bundle();

    private GuidanceTexts() {}

    public static Messages bundle() {
        return BUNDLE;
    }

    /** "Every day 09:00–24:00, public holidays included (Beijing time)" in {@code language}. */
    public static String hours(Language language, SupportCalendar calendar) {
        if (calendar.isAlwaysOpen()) {
            return BUNDLE.text(language, "hours.alwaysOpen");
        }
        Map<List<OpenWindow>, List<DayOfWeek>> byWindows = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpenWindow> windows = calendar.windows(day);
            if (!windows.isEmpty()) {
                byWindows.computeIfAbsent(windows, w -> new ArrayList<>()).add(day);
            }
        }
        List<String> lines = new ArrayList<>();
        byWindows.forEach((windows, days) -> lines.add(BUNDLE.text(
                language,
                "hours.line",
                Map.of(
                        "days",
                        days(language, days),
                        "windows",
                        String.join(
                                BUNDLE.raw(language, "hours.daySeparator"),
                                windows.stream()
                                        .map(w -> w.toString().replace("-", "–"))
                                        .toList())))));
        return BUNDLE.text(
                language,
                "hours.text",
                Map.of(
                        "lines", String.join(BUNDLE.raw(language, "hours.lineSeparator"), lines),
                        "holidays",
                                BUNDLE.raw(
                                        language,
                                        calendar.holidays().isEmpty()
                                                ? "hours.holidaysIncluded"
                                                : "hours.holidaysClosed"),
                        "makeUp",
                                BUNDLE.raw(
                                        language,
                                        calendar.makeUpDays().isEmpty() ? "hours.noMakeUpDays" : "hours.makeUpDays"),
                        "zone", zone(language, calendar.zone().getId())));
    }

    private static String zone(Language language, String id) {
        return BUNDLE.has("zone." + id)
                ? BUNDLE.text(language, "zone." + id)
                : BUNDLE.text(language, "zone.other", Map.of("zone", id));
    }

    private static String days(Language language, List<DayOfWeek> days) {
        if (days.size() == 7) {
            return BUNDLE.text(language, "hours.everyDay");
        }
        boolean consecutive = days.get(days.size() - 1).getValue() - days.get(0).getValue() == days.size() - 1;
        if (consecutive && days.size() > 2) {
            return BUNDLE.text(
                    language,
                    "hours.dayRange",
                    Map.of(
                            "from", day(language, days.get(0)),
                            "to", day(language, days.get(days.size() - 1))));
        }
        return String.join(
                BUNDLE.raw(language, "hours.daySeparator"),
                days.stream().map(d -> day(language, d)).toList());
    }

    private static String day(Language language, DayOfWeek day) {
        return BUNDLE.text(language, "day." + day.name());
    }

    /** "1 hour", "3 business days" in {@code language}. */
    public static String target(Language language, Target target) {
        return switch (target) {
            case Target.Fixed fixed -> duration(language, fixed.duration(), "target");
            case Target.BusinessDays days -> BUNDLE.plural(language, "target.businessDays", days.days(), Map.of());
        };
    }

    private static String duration(Language language, Duration d, String prefix) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0
                ? BUNDLE.plural(language, prefix + ".hours", minutes / 60, Map.of())
                : BUNDLE.plural(language, prefix + ".minutes", minutes, Map.of());
    }

    /** The expected initial response in words, with the follow-up promise where one applies. */
    public static String expectedResponse(Language language, SlaRule rule, Optional<FollowUpPolicy> followUp) {
        String target = target(language, rule.target());
        String text = rule.calendar().isAlwaysOpen()
                ? BUNDLE.text(language, "response.alwaysOpen", Map.of("target", target))
                : BUNDLE.text(
                        language,
                        "response.supportHours",
                        Map.of("target", target, "workingTime", duration(language, rule.workingTime(), "target")));
        if (followUp.isPresent()) {
            text += BUNDLE.raw(language, "response.sentenceSeparator")
                    + BUNDLE.text(
                            language,
                            "response.followUp",
                            Map.of("every", duration(language, followUp.get().every(), "target")));
        }
        return text;
    }

    /** "about 3 h 10 min". */
    public static String shortDuration(Language language, Duration d) {
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        if (hours == 0) {
            return BUNDLE.text(language, "wait.duration.m", Map.of("minutes", minutes));
        }
        return minutes == 0
                ? BUNDLE.text(language, "wait.duration.h", Map.of("hours", hours))
                : BUNDLE.text(language, "wait.duration.hm", Map.of("hours", hours, "minutes", minutes));
    }
}
