package com.supportdesk.holidays;

import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaEvaluator;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a calendar change does to open cases, computed, never guessed: each case's clocks are evaluated by
 * the SLA engine ({@link SlaEvaluator}, the same arithmetic every read and the sweep use) under the policy
 * before and after the change, at the same instant, and every clock whose due time differs is a move.
 * Pure: a function of the two policies, the cases and the instant.
 */
public final class HolidayPreview {
    private HolidayPreview() {}

    /** The clocks a holiday change can move. */
    public enum SlaClockName {
        /** The initial-response due time, while no agent has answered. */
        INITIAL_RESPONSE,
        /** The next severity-A follow-up. */
        FOLLOW_UP,
        /** The drop in severity of a case waiting for the customer. */
        DOWNGRADE
    }

    /**
     * One clock of one case that the change moves; {@code shift} is after − before (positive: later),
     * {@code before} or {@code after} absent when the clock exists on one side only.
     */
    public record Move(
            String caseId,
            String tenantId,
            Category category,
            Severity severity,
            CaseStatus status,
            SlaClockName clock,
            Instant before,
            Instant after,
            String shift,
            Long shiftMinutes) {}

    /** Every clock of {@code cases} that is due at another instant under {@code after} than under {@code before}. */
    public static List<Move> moves(SlaPolicies before, SlaPolicies after, Collection<SupportCase> cases, Instant now) {
        List<Move> moves = new ArrayList<>();
        for (SupportCase c : cases) {
            Instant asOf = c.updatedAt() != null && c.updatedAt().isAfter(now) ? c.updatedAt() : now;
            SlaStatus was = SlaEvaluator.evaluate(before, CaseSla.timeline(c), asOf);
            SlaStatus will = SlaEvaluator.evaluate(after, CaseSla.timeline(c), asOf);
            if (was.initialResponse().stoppedAt().isEmpty()) {
                add(
                        moves,
                        c,
                        SlaClockName.INITIAL_RESPONSE,
                        Optional.of(was.initialResponse().dueAt()),
                        Optional.of(will.initialResponse().dueAt()));
            }
            add(
                    moves,
                    c,
                    SlaClockName.FOLLOW_UP,
                    was.followUp().flatMap(SlaStatus.FollowUp::dueAt),
                    will.followUp().flatMap(SlaStatus.FollowUp::dueAt));
            add(
                    moves,
                    c,
                    SlaClockName.DOWNGRADE,
                    was.downgrade().map(SlaStatus.Downgrade::dueAt),
                    will.downgrade().map(SlaStatus.Downgrade::dueAt));
        }
        return moves;
    }

    private static void add(
            List<Move> moves, SupportCase c, SlaClockName clock, Optional<Instant> before, Optional<Instant> after) {
        if (Objects.equals(before, after)) {
            return;
        }
        Duration shift = before.isPresent() && after.isPresent() ? Duration.between(before.get(), after.get()) : null;
        moves.add(new Move(
                c.caseId(),
                c.tenantId(),
                c.category(),
                c.severity(),
                c.status(),
                clock,
                before.orElse(null),
                after.orElse(null),
                shift == null ? null : shift.toString(),
                shift == null ? null : shift.toMinutes()));
    }
}
