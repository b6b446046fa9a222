package com.supportdesk.cases;

import com.supportdesk.i18n.ApiTexts;
import com.supportdesk.i18n.GuidanceTexts;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaRule;
import java.util.List;
import java.util.Optional;

/**
 * What a customer needs to reach support, in their language: the phone line for their country (its
 * number, hours and languages, kept as data; its name and hours in words are texts of the {@code support}
 * messages), and the support hours and expected initial response in words. The words are composed from
 * the SLA policy ({@link GuidanceTexts}), so they never disagree with the clocks in any language.
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

    /** The line for {@code country} (ISO alpha-2); the operator's line when it has none of its own. */
    public static Phone phoneFor(String country, Language language) {
        PhoneDirectory.Line line = PhoneDirectory.standard().lineFor(country);
        return new Phone(
                line.country(),
                line.number(),
                line.tel(),
                ApiTexts.bundle().text(language, "directory." + line.country() + ".label"),
                new PhoneHours(ApiTexts.bundle().text(language, "directory." + line.country() + ".hours"), line.zone()),
                line.languages());
    }

    /** The support hours of a category's regular (non-24x7) severities, or 24x7 if it has only that. */
    public String supportHours(Category category, Language language) {
        Optional<SlaRule> regular = policies.allowedSeverities(category).stream()
                .map(s -> policies.rule(s, category))
                .filter(r -> !r.calendar().isAlwaysOpen())
                .findFirst();
        SlaRule rule = regular.orElseGet(() ->
                policies.rule(policies.allowedSeverities(category).iterator().next(), category));
        return GuidanceTexts.hours(language, rule.calendar());
    }

    /** The hours a severity of a category is worked in, in words. */
    public String supportHours(Severity severity, Category category, Language language) {
        return GuidanceTexts.hours(language, policies.rule(severity, category).calendar());
    }

    /** "An engineer responds within 1 hour, 24 hours a day, ..." for a severity in a category. */
    public String expectedInitialResponse(Severity severity, Category category, Language language) {
        return GuidanceTexts.expectedResponse(
                language, policies.rule(severity, category), policies.followUp().filter(f -> f.appliesTo(severity)));
    }

    /** The target in words: "1 hour", "1 営業日", "3 个工作日". */
    public String target(Severity severity, Category category, Language language) {
        return GuidanceTexts.target(language, policies.rule(severity, category).target());
    }

    public SlaPolicies policies() {
        return policies;
    }
}
