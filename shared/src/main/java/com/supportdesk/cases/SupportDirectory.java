package com.supportdesk.cases;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.FollowUpPolicy;
import com.supportdesk.sla.OpenWindow;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaRule;
import com.supportdesk.sla.SupportCalendar;
import com.supportdesk.sla.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a customer needs to reach support: the phone line for their country (its number, hours and
 * languages, kept as data), and the support hours and expected initial response in words. The words are
 * derived from the SLA policy, so they never disagree with the clocks.
 */
public final class SupportDirectory {

    /**
     * A number to call: as printed for the country and as a {@code tel:} URI, the hours it answers and the
     * languages it offers (BCP 47 tags). The lines are data: {@link PhoneDirectory}.
     */
    public record Phone(
            String country, String number, String tel, String label, PhoneHours hours, List<String> languages) {

        public Phone {
            languages = languages == null ? List.of() : List.copyOf(languages);
        }
    }

    /** When a line answers, in words, and the time zone the words are in. */
    public record PhoneHours(String text, String zone) {}

    private final SlaPolicies policies;

    public SupportDirectory(SlaPolicies policies) {
        this.policies = policies;
    }

    /** The number for {@code country} (ISO alpha-2); the operator's line when it has none of its own. */
    public static Phone phoneFor(String country) {
        return PhoneDirectory.standard().phoneFor(country);
    }

    /** "Every day 09:00–24:00, public holidays included (Asia/Shanghai)" and the like. */
    public static String describe(SupportCalendar calendar) {
        if (calendar.isAlwaysOpen()) {
            return "24 hours a day, 7 days a week, holidays included";
        }
        Map<List<OpenWindow>, List<DayOfWeek>> byWindows = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpenWindow> windows = calendar.windows(day);
            if (!windows.isEmpty()) {
                byWindows.computeIfAbsent(windows, w -> new ArrayList<>()).add(day);
            }
        }
        List<String> parts = new ArrayList<>();
        byWindows.forEach((windows, days) -> parts.add(days(days) + " "
                + String.join(
                        ", ",
                        windows.stream()
                                .map(w -> w.toString().replace("-", "–"))
                                .toList())));
        String text = String.join("; ", parts);
        text += calendar.holidays().isEmpty() ? ", public holidays included" : ", closed on public holidays";
        if (!calendar.makeUpDays().isEmpty()) {
            text += ", open on make-up working days";
        }
        return text + " (" + calendar.zone().getId() + " time)";
    }

    private static String days(List<DayOfWeek> days) {
        if (days.size() == 7) {
            return "Every day";
        }
        boolean consecutive = days.get(days.size() - 1).getValue() - days.get(0).getValue() == days.size() - 1;
        if (consecutive && days.size() > 2) {
            return name(days.get(0)) + "–" + name(days.get(days.size() - 1));
        }
        return String.join(", ", days.stream().map(SupportDirectory::name).toList());
    }

    private static String name(DayOfWeek day) {
        String n = day.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The support hours of a category's regular (non-24x7) severities, or 24x7 if it has only that. */
    public String supportHours(Category category) {
        Optional<SlaRule> regular = policies.allowedSeverities(category).stream()
                .map(s -> policies.rule(s, category))
                .filter(r -> !r.calendar().isAlwaysOpen())
                .findFirst();
        SlaRule rule = regular.orElseGet(() ->
                policies.rule(policies.allowedSeverities(category).iterator().next(), category));
        return describe(rule.calendar());
    }

    /** "Within 1 hour, 24 hours a day, ..." for a severity in a category. */
    public String expectedInitialResponse(Severity severity, Category category) {
        SlaRule rule = policies.rule(severity, category);
        String target = rule.target() instanceof Target.Fixed fixed
                ? words(fixed.duration())
                : rule.target().toString();
        String text = "An engineer responds within " + target;
        if (rule.calendar().isAlwaysOpen()) {
            text += ", 24 hours a day, 7 days a week";
        } else {
            text += " of support hours (" + words(rule.workingTime()) + " of support time)";
        }
        Optional<FollowUpPolicy> followUp = policies.followUp().filter(f -> f.appliesTo(severity));
        if (followUp.isPresent()) {
            text += "; updates follow at least every " + words(followUp.get().every()) + " until the case is resolved";
        }
        return text + ".";
    }

    static String words(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    public SlaPolicies policies() {
        return policies;
    }
}
