package com.supportdesk.sla;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA configuration of a deployment: for each category and allowed severity a target and its
 * calendar, when to warn, how often severity-A cases need a follow-up, after how long waiting for
 * the customer a case drops one severity (and how long before that the admin is told), and after how
 * long without a customer reply a resolved case is closed.
 *
 * <p>It is data: {@link #defaults()} reads the bundled {@code sla/default-policy.json} (the values of
 * the support policy), {@link #load(InputStream)} reads a deployment's own document in the same
 * format. Instances are immutable. A severity a category has no rule for is not allowed for it.
 */
public final class SlaPolicies {

    static final String DEFAULT_RESOURCE = "/sla/default-policy.json";

    private final Map<Category, Map<Severity, SlaRule>> rules;
    private final WarningThreshold warning;
    private final FollowUpPolicy followUp;
    private final Map<Severity, Target> downgradeAfter;
    private final Duration downgradeNotice;
    private final Duration autoCloseAfter;
    private final HolidaySets holidaySets;

    private SlaPolicies(Builder b) {
        EnumMap<Category, Map<Severity, SlaRule>> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            Map<Severity, SlaRule> bySeverity = b.rules.get(category);
            if (bySeverity.isEmpty()) {
                throw new IllegalArgumentException(
                        "No SLA rule for category " + category + "; every category needs at least one severity");
            }
            byCategory.put(category, Collections.unmodifiableMap(new EnumMap<>(bySeverity)));
        }
        this.rules = Collections.unmodifiableMap(byCategory);
        this.warning = b.warning;
        this.followUp = b.followUp;
        this.downgradeAfter = Collections.unmodifiableMap(new EnumMap<>(b.downgradeAfter));
        this.downgradeNotice = b.downgradeNotice;
        this.autoCloseAfter = b.autoCloseAfter;
        this.holidaySets = b.holidaySets;
    }

    /** The bundled default policy of SPEC section 5; read once, shared. */
    public static SlaPolicies defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * Reads a policy document (see {@code sla/default-policy.json} for the format). Keys starting with
     * {@code _} are comments; any other unknown key is an error, so a typo cannot silently fall back.
     *
     * @throws IllegalArgumentException naming the offending place when the document is not a valid policy
     */
    public static SlaPolicies load(InputStream json) {
        return PolicyDocument.read(json);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a case of {@code category} may have {@code severity} (A is for technical cases only by default). */
    public boolean isAllowed(Severity severity, Category category) {
        return rules.get(category).containsKey(severity);
    }

    /** The severities allowed for {@code category}, most urgent first. */
    public Set<Severity> allowedSeverities(Category category) {
        return Collections.unmodifiableSet(EnumSet.copyOf(rules.get(category).keySet()));
    }

    /**
     * The target and calendar of {@code severity} in {@code category}.
     *
     * @throws IllegalArgumentException if the severity is not allowed for the category
     */
    public SlaRule rule(Severity severity, Category category) {
        SlaRule rule = rules.get(Objects.requireNonNull(category, "category"))
                .get(Objects.requireNonNull(severity, "severity"));
        if (rule == null) {
            throw new IllegalArgumentException("Severity " + severity + " is not allowed for " + category
                    + " cases; allowed: " + rules.get(category).keySet());
        }
        return rule;
    }

    public WarningThreshold warning() {
        return warning;
    }

    /** The follow-up cadence, if the policy has one. */
    public Optional<FollowUpPolicy> followUp() {
        return Optional.ofNullable(followUp);
    }

    /**
     * How long a case of {@code severity} may wait for the customer before it drops one severity,
     * measured on the calendar of the case's current rule; empty when it never drops.
     */
    public Optional<Target> downgradeAfter(Severity severity) {
        return Optional.ofNullable(downgradeAfter.get(severity));
    }

    /**
     * How long before a downgrade falls due the admin is told what keeps the severity (a reply, or a
     * reachable contact); wall-clock time, since the admin is not bound to the desk's hours. Zero: no notice.
     */
    public Duration downgradeNotice() {
        return downgradeNotice;
    }

    /** How long a resolved case waits for a customer reply before it is closed; wall-clock time. */
    public Duration autoCloseAfter() {
        return autoCloseAfter;
    }

    /** The holiday sets the calendars follow, a year at a time, as this policy has them. */
    public HolidaySets holidaySets() {
        return holidaySets;
    }

    /**
     * This policy with each of {@code years} in place of what its holiday set had for that year: every
     * calendar that follows the set closes and opens the year's dates instead. Years of sets this policy
     * does not define are left out (a set removed from the policy takes its stored years with it).
     */
    public SlaPolicies withHolidayYears(java.util.Collection<HolidayYear> years) {
        HolidaySets sets = holidaySets;
        for (HolidayYear year : years) {
            if (sets.contains(year.set())) {
                sets = sets.with(year);
            }
        }
        if (sets.equals(holidaySets)) {
            return this;
        }
        HolidaySets changed = sets;
        Map<SupportCalendar, SupportCalendar> rebuilt = new java.util.IdentityHashMap<>();
        java.util.function.UnaryOperator<SupportCalendar> follow = calendar -> calendar.holidaySet()
                .filter(changed::contains)
                .map(set -> rebuilt.computeIfAbsent(calendar, c -> {
                    SupportCalendar.Builder b = c.toBuilder();
                    changed.sets().get(set).values().forEach(b::replaceYear);
                    return b.build();
                }))
                .orElse(calendar);
        Builder b = toBuilder();
        rules.forEach((category, bySeverity) -> bySeverity.forEach((severity, rule) ->
                b.rules.get(category).put(severity, new SlaRule(rule.target(), follow.apply(rule.calendar())))));
        if (followUp != null) {
            b.followUp = new FollowUpPolicy(followUp.severities(), followUp.every(), follow.apply(followUp.calendar()));
        }
        b.holidaySets = changed;
        return b.build();
    }

    /** A builder holding this policy, to derive a changed one. */
    public Builder toBuilder() {
        Builder b = new Builder();
        rules.forEach((category, bySeverity) -> b.rules.get(category).putAll(bySeverity));
        b.warning = warning;
        b.followUp = followUp;
        b.downgradeAfter.putAll(downgradeAfter);
        b.downgradeNotice = downgradeNotice;
        b.autoCloseAfter = autoCloseAfter;
        b.holidaySets = holidaySets;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaPolicies p
                && rules.equals(p.rules)
                && warning.equals(p.warning)
                && Objects.equals(followUp, p.followUp)
                && downgradeAfter.equals(p.downgradeAfter)
                && downgradeNotice.equals(p.downgradeNotice)
                && autoCloseAfter.equals(p.autoCloseAfter)
                && holidaySets.equals(p.holidaySets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, warning, followUp, downgradeAfter, downgradeNotice, autoCloseAfter, holidaySets);
    }

    @Override
    public String toString() {
        return "SlaPolicies[rules=" + rules + ", warning=" + warning + ", followUp=" + followUp + ", downgradeAfter="
                + downgradeAfter + ", downgradeNotice=" + downgradeNotice + ", autoCloseAfter=" + autoCloseAfter + "]";
    }

    /**
     * Collects a policy; unless told otherwise it warns at 25 % left, tells the admin 1 hour before a
     * downgrade and closes a resolved case after 7 days without a reply; not thread-safe.
     */
    public static final class Builder {
        private final Map<Category, Map<Severity, SlaRule>> rules = new EnumMap<>(Category.class);
        private WarningThreshold warning = WarningThreshold.shareLeft(0.25);
        private FollowUpPolicy followUp;
        private final Map<Severity, Target> downgradeAfter = new EnumMap<>(Severity.class);
        private Duration downgradeNotice = Duration.ofHours(1);
        private Duration autoCloseAfter = Duration.ofDays(7);
        private HolidaySets holidaySets = HolidaySets.NONE;

        private Builder() {
            for (Category category : Category.values()) {
                rules.put(category, new EnumMap<>(Severity.class));
            }
        }

        public Builder rule(Category category, Severity severity, Target target, SupportCalendar calendar) {
            rules.get(Objects.requireNonNull(category, "category"))
                    .put(Objects.requireNonNull(severity, "severity"), new SlaRule(target, calendar));
            return this;
        }

        /** Removes a severity from a category, making it not allowed there. */
        public Builder withoutRule(Category category, Severity severity) {
            rules.get(category).remove(severity);
            return this;
        }

        public Builder warning(WarningThreshold threshold) {
            this.warning = Objects.requireNonNull(threshold, "threshold");
            return this;
        }

        /** Sets the follow-up cadence; {@code null} for none. */
        public Builder followUp(FollowUpPolicy policy) {
            this.followUp = policy;
            return this;
        }

        public Builder downgradeAfter(Severity severity, Target waiting) {
            if (severity.lower().isEmpty()) {
                throw new IllegalArgumentException("Severity " + severity + " has no lower severity to drop to");
            }
            downgradeAfter.put(severity, Objects.requireNonNull(waiting, "waiting"));
            return this;
        }

        /** How long before a downgrade the admin is told; zero for no notice. */
        public Builder downgradeNotice(Duration before) {
            if (before.isNegative()) {
                throw new IllegalArgumentException("A downgrade notice cannot come after the downgrade: " + before);
            }
            this.downgradeNotice = before;
            return this;
        }

        /** How long a resolved case without a customer reply stays resolved before it is closed. */
        public Builder autoCloseAfter(Duration after) {
            if (after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException(
                        "A resolved case is closed after a time longer than zero, not " + after);
            }
            this.autoCloseAfter = after;
            return this;
        }

        /** The holiday sets, by year, that the calendars' {@code holidaySet} names refer to. */
        public Builder holidaySets(HolidaySets sets) {
            this.holidaySets = Objects.requireNonNull(sets, "sets");
            return this;
        }

        /** @throws IllegalArgumentException if a category has no rule at all */
        public SlaPolicies build() {
            return new SlaPolicies(this);
        }
    }

    private static final class Defaults {
        static final SlaPolicies INSTANCE = readDefault();

        private static SlaPolicies readDefault() {
            try (InputStream in = SlaPolicies.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + DEFAULT_RESOURCE);
                }
                return load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
