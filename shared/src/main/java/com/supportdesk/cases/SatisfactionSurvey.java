package com.supportdesk.cases;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.notifications.requests.NotificationDetails;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The satisfaction survey of a resolved case (decision 0016). When a case is resolved, its contact is invited
 * through the notification path to rate it; the organisation's administrator rates it from 1 to 5 with an
 * optional one-line comment. Each rating is a {@link CaseEventType#SATISFACTION_RATED} history entry: the
 * first one counts, and a later one replaces it while the change period after the first rating lasts. The
 * latest entry is the rating agents see. Sending the same rating again changes nothing (the PUT is idempotent).
 */
public final class SatisfactionSurvey {
    public static final int MIN = 1;
    public static final int MAX = 5;
    public static final int MAX_COMMENT = 500;
    /** The history entry's details holding the score and the comment. */
    public static final String RATING = "rating";

    public static final String COMMENT = "comment";

    private SatisfactionSurvey() {}

    /**
     * How long a rating may be changed after the first one ({@code SURVEY_CHANGE_PERIOD}, an ISO-8601
     * duration; default 14 days).
     */
    public record Policy(Duration changePeriod) {
        public static final Duration DEFAULT_CHANGE_PERIOD = Duration.ofDays(14);

        public Policy {
            Objects.requireNonNull(changePeriod, "changePeriod");
            if (changePeriod.isNegative()) {
                throw new IllegalArgumentException("SURVEY_CHANGE_PERIOD must not be negative");
            }
        }

        /**
         * From the function's setting; a value that is not a non-negative duration is logged and the default
         * used, as for the other settings of a statistic (a typo must not take the case API down).
         */
        public static Policy parse(Optional<String> raw) {
            if (raw.isEmpty() || raw.get().isBlank()) {
                return new Policy(DEFAULT_CHANGE_PERIOD);
            }
            try {
                Duration period = Duration.parse(raw.get().trim());
                if (!period.isNegative()) {
                    return new Policy(period);
                }
            } catch (DateTimeParseException e) {
                // logged below
            }
            Log.info("setting_ignored", Map.of("setting", "SURVEY_CHANGE_PERIOD", "default", DEFAULT_CHANGE_PERIOD));
            return new Policy(DEFAULT_CHANGE_PERIOD);
        }
    }

    /** {@code PUT /cases/{caseId}/satisfaction}: a score from 1 to 5 and an optional one-line comment. */
    public record Rating(Integer rating, String comment) {
        Rating validated() {
            if (rating == null) {
                throw Validate.invalid("rating", "ratingRequired", "max", MAX);
            }
            if (rating < MIN || rating > MAX) {
                throw Validate.invalid("rating", "limit", "max", MAX);
            }
            String c = Validate.optionalLine("comment", comment, MAX_COMMENT);
            return new Rating(rating, c == null || c.isBlank() ? null : c.strip());
        }
    }

    /** The rating as agents see it on the case. */
    public record Satisfaction(int rating, String comment, Instant ratedAt, Instant firstRatedAt, int changes) {}

    /** The answer of {@code PUT /cases/{caseId}/satisfaction}: the rating now, and until when it can change. */
    public record Answer(
            String caseId,
            int rating,
            String comment,
            Instant ratedAt,
            Instant firstRatedAt,
            Instant changeableUntil) {}

    /** One rating of the history, in order. */
    public record Given(int rating, String comment, Instant at) {}

    /** Every rating of the case, oldest first (entries that do not hold a score are ignored). */
    public static List<Given> ratings(SupportCase c) {
        List<Given> given = new ArrayList<>();
        for (CaseEvent e : c.history()) {
            if (e.type() != CaseEventType.SATISFACTION_RATED) {
                continue;
            }
            score(e.details().get(RATING))
                    .ifPresent(r -> given.add(new Given(r, e.details().get(COMMENT), e.at())));
        }
        return given;
    }

    /** The current rating of the case, if it has one. */
    public static Optional<Satisfaction> of(SupportCase c) {
        List<Given> given = ratings(c);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Given last = given.get(given.size() - 1);
        return Optional.of(new Satisfaction(
                last.rating(), last.comment(), last.at(), given.get(0).at(), given.size() - 1));
    }

    static Answer answer(String caseId, Satisfaction s, Policy policy) {
        return new Answer(
                caseId,
                s.rating(),
                s.comment(),
                s.ratedAt(),
                s.firstRatedAt(),
                s.firstRatedAt().plus(policy.changePeriod()));
    }

    /**
     * The history entry a rating adds, or empty when the case already holds exactly this rating.
     *
     * @throws Refusal a conflict when the case is not resolved, or the change period is over
     */
    static Optional<CaseEvent> entry(SupportCase c, Rating rating, String by, Instant now, Policy policy) {
        if (c.status() != CaseStatus.RESOLVED && c.status() != CaseStatus.CLOSED) {
            throw Refusal.conflict(
                    "CASE_NOT_RESOLVED",
                    Text.of(
                            "CASE_NOT_RESOLVED",
                            "caseId",
                            c.caseId(),
                            "status",
                            c.status().name()));
        }
        Optional<Satisfaction> current = of(c);
        if (current.isPresent()
                && current.get().rating() == rating.rating()
                && Objects.equals(current.get().comment(), rating.comment())) {
            return Optional.empty();
        }
        if (current.isPresent() && now.isAfter(current.get().firstRatedAt().plus(policy.changePeriod()))) {
            throw Refusal.conflict(
                    "RATING_FINAL",
                    Text.of(
                            "RATING_FINAL",
                            "caseId",
                            c.caseId(),
                            "ratedAt",
                            current.get().firstRatedAt().toString(),
                            "period",
                            policy.changePeriod().toString()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put(RATING, Integer.toString(rating.rating()));
        if (rating.comment() != null) {
            details.put(COMMENT, rating.comment());
        }
        return Optional.of(new CaseEvent(
                CaseEventType.SATISFACTION_RATED,
                now,
                by,
                Actor.ADMIN,
                current.isPresent() ? "rating changed" : "rated",
                null,
                null,
                current.map(s -> Integer.toString(s.rating())).orElse(null),
                null,
                details));
    }

    /**
     * The invitation to rate, when a change resolves the case: to the case contact, once per case (a case
     * is resolved at most once; the id makes a repeat a duplicate the dispatcher drops).
     */
    static List<NotificationRequest> invitation(SupportCase c, CaseStatus from, CaseStatus to, Instant now) {
        if (to != CaseStatus.RESOLVED || from == CaseStatus.RESOLVED) {
            return List.of();
        }
        return List.of(NotificationRequest.of(
                c.caseId() + "#survey",
                NotificationType.SATISFACTION_SURVEY,
                c.tenantId(),
                c.caseId(),
                Recipient.caseContact(CaseSubmissionService.channel(c.contact())),
                c.contact().language(),
                now));
    }

    /** Tells the support queue of a new or changed rating: the score only, never the customer's comment. */
    static NotificationRequest rated(SupportCase next, int rating, Instant now) {
        return NotificationRequest.of(
                next.caseId() + "#rated#" + next.version(),
                NotificationType.SATISFACTION_RATED,
                next.tenantId(),
                next.caseId(),
                Recipient.supportQueue(),
                null,
                now,
                Map.of(NotificationDetails.REASON, "Rated " + rating + " of " + MAX + "."));
    }

    private static Optional<Integer> score(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            int r = Integer.parseInt(raw);
            return r >= MIN && r <= MAX ? Optional.of(r) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
