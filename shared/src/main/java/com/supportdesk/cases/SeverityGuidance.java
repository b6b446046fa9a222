package com.supportdesk.cases;

import com.supportdesk.i18n.GuidanceTexts;
import com.supportdesk.i18n.Messages;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to choose a severity (the support policy's table), in the caller's language: per severity its
 * definition, examples and what the customer must provide, and per category whether this organisation can
 * choose it (and the rule's stable code and reason when not), the target and support hours in words, and the
 * typical first-response wait of recent cases.
 *
 * @param language the language the texts are in (Accept-Language, then the organisation's, then English)
 */
public record SeverityGuidance(Language language, String downgradeNote, List<Level> severities) {

    public SeverityGuidance {
        severities = List.copyOf(severities);
    }

    public record Level(
            Severity severity,
            String label,
            String definition,
            List<String> examples,
            List<String> customerMustProvide,
            List<Option> categories) {
        public Level {
            examples = List.copyOf(examples);
            customerMustProvide = List.copyOf(customerMustProvide);
            categories = List.copyOf(categories);
        }
    }

    /**
     * One severity in one category. {@code target}, {@code targetHours} (open time, e.g. 15 for one business day
     * on a 09:00–24:00 calendar) and {@code supportHours} are null when the policy does not offer the pair;
     * {@code typicalWait} is null when the organisation cannot choose it.
     */
    public record Option(
            Category category,
            String categoryName,
            boolean available,
            Unavailable unavailable,
            String target,
            Double targetHours,
            String supportHours,
            TypicalWait typicalWait) {}

    /** {@code code} is the rule's stable code (the same a submission would be refused with), in every language. */
    public record Unavailable(String code, String reason) {}

    /**
     * The median wait for a first response over the last {@code windowDays} ({@code medianMinutes} null when there
     * were fewer than the minimum number of cases), from the maintained aggregate.
     */
    public record TypicalWait(Long medianMinutes, long cases, int windowDays, String text) {}

    /** Builds the guidance for an organisation on {@code plan}; {@code stats} is read once per available pair. */
    public static SeverityGuidance of(
            SupportPlan plan,
            SlaPolicies policies,
            Language language,
            Optional<FirstResponseStats> stats,
            Instant now) {
        Messages texts = GuidanceTexts.bundle();
        List<Level> levels = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            String prefix = "severity." + severity.name();
            List<Option> options = new ArrayList<>();
            for (Category category : Category.values()) {
                String categoryName = texts.text(language, "category." + category.name());
                Optional<String> unavailable = CaseRules.severityUnavailable(plan, category, severity, policies);
                Unavailable why = unavailable
                        .map(code -> new Unavailable(
                                code,
                                texts.text(
                                        language,
                                        "unavailable." + code,
                                        Map.of("category", categoryName, "severity", severity.name()))))
                        .orElse(null);
                if (!policies.isAllowed(severity, category)) {
                    options.add(new Option(category, categoryName, false, why, null, null, null, null));
                    continue;
                }
                SlaRule rule = policies.rule(severity, category);
                TypicalWait wait = unavailable.isPresent()
                        ? null
                        : stats.map(s -> typical(s.typical(severity, category, now), language))
                                .orElse(null);
                options.add(new Option(
                        category,
                        categoryName,
                        unavailable.isEmpty(),
                        why,
                        GuidanceTexts.expectedResponse(
                                language, rule, policies.followUp().filter(f -> f.appliesTo(severity))),
                        rule.workingTime().toMinutes() / 60.0,
                        GuidanceTexts.hours(language, rule.calendar()),
                        wait));
            }
            levels.add(new Level(
                    severity,
                    texts.text(language, prefix + ".label"),
                    texts.text(language, prefix + ".definition"),
                    texts.list(language, prefix + ".example"),
                    texts.list(language, prefix + ".provide"),
                    options));
        }
        return new SeverityGuidance(language, texts.text(language, "guidance.downgradeNote"), levels);
    }

    static TypicalWait typical(FirstResponseStats.Typical typical, Language language) {
        Messages texts = GuidanceTexts.bundle();
        if (typical.median().isEmpty()) {
            return new TypicalWait(
                    null,
                    typical.cases(),
                    typical.windowDays(),
                    texts.text(
                            language,
                            "wait.notEnough",
                            Map.of("minimum", typical.minimumCases(), "days", typical.windowDays())));
        }
        return new TypicalWait(
                typical.median().get().toMinutes(),
                typical.cases(),
                typical.windowDays(),
                texts.text(
                        language,
                        "wait.typical",
                        Map.of(
                                "duration",
                                        GuidanceTexts.shortDuration(
                                                language, typical.median().get()),
                                "cases", typical.cases(),
                                "days", typical.windowDays())));
    }
}
