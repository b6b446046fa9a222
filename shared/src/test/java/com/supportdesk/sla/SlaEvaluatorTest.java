package com.supportdesk.sla;

import static com.supportdesk.model.CaseStatus.AWAITING_CUSTOMER;
import static com.supportdesk.model.CaseStatus.CANCELLED;
import static com.supportdesk.model.CaseStatus.IN_PROGRESS;
import static com.supportdesk.model.Category.BILLING;
import static com.supportdesk.model.Category.TECHNICAL;
import static com.supportdesk.model.Severity.A;
import static com.supportdesk.model.Severity.B;
import static com.supportdesk.model.Severity.C;
import static com.supportdesk.sla.TimelineEvent.agentResponded;
import static com.supportdesk.sla.TimelineEvent.resolved;
import static com.supportdesk.sla.TimelineEvent.severityChanged;
import static com.supportdesk.sla.TimelineEvent.statusChanged;
import static com.supportdesk.sla.TimelineEvent.submitted;
import static com.supportdesk.sla.Times.bj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Category;
import com.supportdesk.sla.SlaStatus.FollowUp;
import com.supportdesk.sla.SlaStatus.FollowUpState;
import com.supportdesk.sla.SlaStatus.InitialResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlaEvaluatorTest {

    static final SlaPolicies POLICIES = SlaPolicies.defaults();

    static SlaStatus evaluate(List<TimelineEvent> history, String now) {
        return SlaEvaluator.evaluate(POLICIES, history, bj(now));
    }

    static InitialResponse initial(List<TimelineEvent> history, String now) {
        return evaluate(history, now).initialResponse();
    }

    @Nested
    class InitialResponseClock {
        @Test
        void a_critical_case_answered_within_the_hour_is_met_with_both_instants_recorded() {
            InitialResponse clock = initial(
                    List.of(submitted(bj("2026-03-02T10:00"), A, TECHNICAL), agentResponded(bj("2026-03-02T10:40"))),
                    "2026-03-02T12:00");
            assertThat(clock.state()).isEqualTo(ResponseState.MET);
            assertThat(clock.dueAt()).isEqualTo(bj("2026-03-02T11:00"));
            assertThat(clock.stoppedAt()).contains(bj("2026-03-02T10:40"));
            assertThat(clock.breachedAt()).isEmpty();
            assertThat(clock.remaining()).isEqualTo(Duration.ofMinutes(20));
        }

        @Test
        void a_response_exactly_at_the_due_time_is_met() {
            assertThat(initial(
                                    List.of(
                                            submitted(bj("2026-03-02T10:00"), A, TECHNICAL),
                                            agentResponded(bj("2026-03-02T11:00"))),
                                    "2026-03-02T12:00")
                            .state())
                    .isEqualTo(ResponseState.MET);
        }

        @Test
        void a_late_response_is_breached_with_the_due_time_and_the_response_time() {
            InitialResponse clock = initial(
                    List.of(submitted(bj("2026-03-02T10:00"), A, TECHNICAL), agentResponded(bj("2026-03-02T11:05"))),
                    "2026-03-02T12:00");
            assertThat(clock.state()).isEqualTo(ResponseState.BREACHED);
            assertThat(clock.breachedAt()).contains(bj("2026-03-02T11:00"));
            assertThat(clock.stoppedAt()).contains(bj("2026-03-02T11:05"));
        }

        @Test
        void the_next_check_of_a_running_clock_is_its_warning_then_the_first_instant_after_the_due_time() {
            List<TimelineEvent> history = List.of(submitted(bj("2026-03-02T10:00"), A, TECHNICAL));
            assertThat(evaluate(history, "2026-03-02T10:00").nextCheckAt()).contains(bj("2026-03-02T10:45"));
            assertThat(evaluate(history, "2026-03-02T10:45").nextCheckAt())
                    .contains(bj("2026-03-02T11:00").plusNanos(1));
            assertThat(evaluate(history, "2026-03-02T11:00").nextCheckAt())
                    .contains(bj("2026-03-02T11:00").plusNanos(1));
            assertThat(evaluate(history, "2026-03-02T11:01").nextCheckAt()).isEmpty();
        }

        @Test
        void a_running_clock_warns_with_a_quarter_left_and_breaches_after_the_due_time() {
            List<TimelineEvent> history = List.of(submitted(bj("2026-03-02T10:00"), A, TECHNICAL));
            assertThat(initial(history, "2026-03-02T10:44").warning()).isFalse();
            InitialResponse warned = initial(history, "2026-03-02T10:45");
            assertThat(warned.state()).isEqualTo(ResponseState.RUNNING);
            assertThat(warned.warning()).isTrue();
            assertThat(warned.warningAt()).isEqualTo(bj("2026-03-02T10:45"));
            assertThat(initial(history, "2026-03-02T11:00").state()).isEqualTo(ResponseState.RUNNING);
            InitialResponse breached = initial(history, "2026-03-02T11:01");
            assertThat(breached.state()).isEqualTo(ResponseState.BREACHED);
            assertThat(breached.breachedAt()).contains(bj("2026-03-02T11:00"));
            assertThat(breached.stoppedAt()).isEmpty();
            assertThat(breached.remaining()).isEqualTo(Duration.ofMinutes(-1));
        }

        @Test
        void a_b_case_submitted_at_night_is_due_at_24_00_on_the_daily_calendar() {
            assertThat(initial(List.of(submitted(bj("2026-03-03T02:00"), B, TECHNICAL)), "2026-03-03T02:00")
                            .dueAt())
                    .isEqualTo(bj("2026-03-04T00:00"));
        }

        @Test
        void a_case_cancelled_before_any_response_stops_the_clock_without_a_breach() {
            InitialResponse clock = initial(
                    List.of(
                            submitted(bj("2026-03-02T10:00"), B, BILLING),
                            statusChanged(bj("2026-03-02T11:00"), CANCELLED)),
                    "2026-03-09T10:00");
            assertThat(clock.state()).isEqualTo(ResponseState.STOPPED);
            assertThat(clock.breachedAt()).isEmpty();
        }

        @Test
        void the_history_can_be_given_in_any_order_and_later_events_are_ignored() {
            List<TimelineEvent> history =
                    List.of(agentResponded(bj("2026-03-02T10:30")), submitted(bj("2026-03-02T10:00"), A, TECHNICAL));
            assertThat(initial(history, "2026-03-02T10:20").state()).isEqualTo(ResponseState.RUNNING);
            assertThat(initial(history, "2026-03-02T10:30").state()).isEqualTo(ResponseState.MET);
        }

        @Test
        void a_clock_reads_now_from_the_given_clock() {
            Clock clock = Clock.fixed(bj("2026-03-02T11:30"), Times.SHANGHAI);
            assertThat(SlaEvaluator.evaluate(POLICIES, List.of(submitted(bj("2026-03-02T10:00"), A, TECHNICAL)), clock)
                            .initialResponse()
                            .state())
                    .isEqualTo(ResponseState.BREACHED);
        }
    }

    @Nested
    class SeverityChanges {
        @Test
        void a_severity_change_before_the_first_response_keeps_the_original_start() {
            // C submitted Monday 10:00 (due Thursday 10:00), raised to B at 15:00: B counts from Monday 10:00.
            List<TimelineEvent> history = List.of(
                    submitted(bj("2026-03-02T10:00"), C, TECHNICAL),
                    severityChanged(bj("2026-03-02T15:00"), B, "customer reports outage spreading"));
            assertThat(initial(history.subList(0, 1), "2026-03-02T14:00").dueAt())
                    .isEqualTo(bj("2026-03-05T10:00"));
            InitialResponse clock = initial(history, "2026-03-02T16:00");
            assertThat(clock.start()).isEqualTo(bj("2026-03-02T10:00"));
            assertThat(clock.severity()).isEqualTo(B);
            assertThat(clock.dueAt()).isEqualTo(bj("2026-03-03T10:00"));
            assertThat(clock.remaining()).isEqualTo(Duration.ofHours(15 - 6));
        }

        @Test
        void lowering_the_severity_before_the_response_extends_from_the_original_start_without_losing_time() {
            List<TimelineEvent> history = List.of(
                    submitted(bj("2026-03-02T10:00"), B, TECHNICAL),
                    severityChanged(bj("2026-03-02T20:00"), C, "workaround found"));
            InitialResponse clock = initial(history, "2026-03-02T21:00");
            assertThat(clock.dueAt()).isEqualTo(bj("2026-03-05T10:00"));
            assertThat(clock.remaining()).isEqualTo(Duration.ofHours(45 - 11));
        }

        @Test
        void raising_to_a_after_the_hour_has_already_passed_is_breached_at_once() {
            InitialResponse clock = initial(
                    List.of(
                            submitted(bj("2026-03-02T10:00"), C, TECHNICAL),
                            severityChanged(bj("2026-03-02T12:00"), A, "production down")),
                    "2026-03-02T12:00");
            assertThat(clock.state()).isEqualTo(ResponseState.BREACHED);
            assertThat(clock.breachedAt()).contains(bj("2026-03-02T11:00"));
        }

        @Test
        void lowering_the_severity_after_a_breach_does_not_erase_the_breach() {
            List<TimelineEvent> history = List.of(
                    submitted(bj("2026-03-02T10:00"), A, TECHNICAL),
                    severityChanged(bj("2026-03-02T11:02"), C, "customer agreed it is not critical"),
                    agentResponded(bj("2026-03-02T11:30")));
            InitialResponse before = initial(history, "2026-03-02T11:01");
            assertThat(before.state()).isEqualTo(ResponseState.BREACHED);
            InitialResponse after = initial(history, "2026-03-02T12:00");
            assertThat(after.state()).isEqualTo(ResponseState.BREACHED);
            assertThat(after.breachedAt()).contains(bj("2026-03-02T11:00"));
        }

        @Test
        void a_severity_change_after_the_first_response_does_not_reopen_the_initial_clock() {
            SlaStatus status = evaluate(
                    List.of(
                            submitted(bj("2026-03-02T10:00"), C, TECHNICAL),
                            agentResponded(bj("2026-03-02T12:00")),
                            severityChanged(bj("2026-03-02T13:00"), A, "production down")),
                    "2026-03-02T14:00");
            assertThat(status.severity()).isEqualTo(A);
            assertThat(status.initialResponse().severity()).isEqualTo(C);
            assertThat(status.initialResponse().state()).isEqualTo(ResponseState.MET);
            // ...but a case that became critical now needs follow-ups, counted from when it became critical.
            assertThat(status.followUp())
                    .get()
                    .extracting(FollowUp::dueAt)
                    .isEqualTo(java.util.Optional.of(bj("2026-03-02T17:00")));
        }
    }

    @Nested
    class FollowUpClock {
        final Instant submittedAt = bj("2026-03-02T00:00");

        List<TimelineEvent> answered() {
            List<TimelineEvent> history = new ArrayList<>();
            history.add(submitted(submittedAt, A, TECHNICAL));
            history.add(agentResponded(bj("2026-03-02T00:30")));
            return history;
        }

        @Test
        void a_critical_case_needs_an_update_every_four_hours_after_the_response() {
            FollowUp followUp =
                    evaluate(answered(), "2026-03-02T01:00").followUp().orElseThrow();
            assertThat(followUp.state()).isEqualTo(FollowUpState.RUNNING);
            assertThat(followUp.dueAt()).contains(bj("2026-03-02T04:30"));
            assertThat(evaluate(answered(), "2026-03-02T04:31")
                            .followUp()
                            .orElseThrow()
                            .state())
                    .isEqualTo(FollowUpState.OVERDUE);
        }

        @Test
        void a_follow_up_timer_does_not_fire_after_the_agent_already_answered() {
            List<TimelineEvent> history = answered();
            history.add(agentResponded(bj("2026-03-02T04:00")));
            SlaStatus status = evaluate(history, "2026-03-02T04:31");
            FollowUp followUp = status.followUp().orElseThrow();
            assertThat(followUp.state()).isEqualTo(FollowUpState.RUNNING);
            assertThat(followUp.dueAt()).contains(bj("2026-03-02T08:00"));
            assertThat(status.nextCheckAt()).contains(bj("2026-03-02T08:00").plusNanos(1));
        }

        @Test
        void there_is_no_follow_up_clock_before_the_first_response() {
            assertThat(evaluate(answered().subList(0, 1), "2026-03-02T00:10").followUp())
                    .isEmpty();
        }

        @Test
        void time_waiting_for_the_customer_does_not_count_towards_the_follow_up() {
            List<TimelineEvent> history = answered();
            history.add(statusChanged(bj("2026-03-02T01:30"), AWAITING_CUSTOMER));
            FollowUp paused = evaluate(history, "2026-03-02T02:00").followUp().orElseThrow();
            assertThat(paused.state()).isEqualTo(FollowUpState.PAUSED);
            assertThat(paused.dueAt()).isEmpty();
            assertThat(paused.remaining()).isEqualTo(Duration.ofHours(3));

            history.add(statusChanged(bj("2026-03-02T03:30"), IN_PROGRESS));
            FollowUp resumed = evaluate(history, "2026-03-02T04:45").followUp().orElseThrow();
            assertThat(resumed.state()).isEqualTo(FollowUpState.RUNNING);
            assertThat(resumed.dueAt()).contains(bj("2026-03-02T06:30"));
            assertThat(resumed.remaining()).isEqualTo(Duration.ofMinutes(105));
        }

        @Test
        void the_follow_up_clock_stops_at_resolution() {
            List<TimelineEvent> history = answered();
            history.add(resolved(bj("2026-03-02T02:00")));
            SlaStatus status = evaluate(history, "2026-03-02T09:00");
            assertThat(status.followUp()).isEmpty();
            assertThat(status.nextCheckAt()).isEmpty();
        }

        @Test
        void a_case_lowered_from_a_needs_no_more_follow_ups() {
            List<TimelineEvent> history = answered();
            history.add(severityChanged(bj("2026-03-02T01:00"), B, "impact contained"));
            assertThat(evaluate(history, "2026-03-02T09:00").followUp()).isEmpty();
        }
    }

    @Nested
    class Downgrade {
        @Test
        void a_critical_case_waiting_for_the_customer_drops_to_b_after_four_hours() {
            List<TimelineEvent> history = new ArrayList<>(List.of(
                    submitted(bj("2026-03-02T09:00"), A, TECHNICAL),
                    agentResponded(bj("2026-03-02T09:30")),
                    statusChanged(bj("2026-03-02T10:00"), AWAITING_CUSTOMER)));
            SlaStatus.Downgrade pending =
                    evaluate(history, "2026-03-02T13:59").downgrade().orElseThrow();
            assertThat(pending.from()).isEqualTo(A);
            assertThat(pending.to()).isEqualTo(B);
            assertThat(pending.dueAt()).isEqualTo(bj("2026-03-02T14:00"));
            assertThat(pending.due()).isFalse();
            assertThat(evaluate(history, "2026-03-02T14:00")
                            .downgrade()
                            .orElseThrow()
                            .due())
                    .isTrue();

            // The sweep records the drop; B then waits three business days of its own calendar (45 h on 09–24).
            history.add(severityChanged(bj("2026-03-02T14:00"), B, "no customer reply for 4 hours"));
            SlaStatus.Downgrade next =
                    evaluate(history, "2026-03-02T14:00").downgrade().orElseThrow();
            assertThat(next.to()).isEqualTo(C);
            assertThat(next.waitingSince()).isEqualTo(bj("2026-03-02T14:00"));
            assertThat(next.dueAt()).isEqualTo(bj("2026-03-05T14:00"));
        }

        @Test
        void no_downgrade_is_pending_unless_the_case_waits_for_the_customer() {
            List<TimelineEvent> history = List.of(
                    submitted(bj("2026-03-02T09:00"), B, BILLING),
                    agentResponded(bj("2026-03-02T09:30")),
                    statusChanged(bj("2026-03-02T10:00"), AWAITING_CUSTOMER),
                    statusChanged(bj("2026-03-02T11:00"), IN_PROGRESS));
            assertThat(evaluate(history, "2026-03-20T09:00").downgrade()).isEmpty();
        }

        @Test
        void a_billing_b_case_drops_after_three_business_days_of_the_billing_calendar() {
            // Waiting from Friday 2026-09-25 10:00, which is the Mid-Autumn holiday (25th to 27th): the 27 h
            // are 28, 29 and 30 September, 9 h each → Wednesday 30 September 18:00.
            SlaStatus.Downgrade pending = evaluate(
                            List.of(
                                    submitted(bj("2026-09-24T09:00"), B, BILLING),
                                    agentResponded(bj("2026-09-24T10:00")),
                                    statusChanged(bj("2026-09-25T10:00"), AWAITING_CUSTOMER)),
                            "2026-09-25T10:00")
                    .downgrade()
                    .orElseThrow();
            assertThat(pending.dueAt()).isEqualTo(bj("2026-09-30T18:00"));
        }

        @Test
        void a_c_case_has_nowhere_to_drop() {
            assertThat(evaluate(
                                    List.of(
                                            submitted(bj("2026-03-02T09:00"), C, TECHNICAL),
                                            agentResponded(bj("2026-03-02T09:30")),
                                            statusChanged(bj("2026-03-02T10:00"), AWAITING_CUSTOMER)),
                                    "2026-04-02T10:00")
                            .downgrade())
                    .isEmpty();
        }
    }

    @Nested
    class PolicyChanges {
        final List<TimelineEvent> billingCase = List.of(submitted(bj("2026-03-04T17:00"), B, BILLING));

        @Test
        void a_new_holiday_moves_the_due_time_of_a_case_that_is_already_open() {
            assertThat(initial(billingCase, "2026-03-04T17:30").dueAt()).isEqualTo(bj("2026-03-05T17:00"));

            SupportCalendar withHoliday = POLICIES.rule(B, BILLING).calendar().toBuilder()
                    .holiday(LocalDate.of(2026, 3, 5))
                    .build();
            SlaPolicies.Builder changed = POLICIES.toBuilder();
            for (Category category : List.of(Category.BILLING, Category.SUBSCRIPTION, Category.PRESALES)) {
                changed.rule(category, B, Target.businessDays(1), withHoliday);
            }
            assertThat(SlaEvaluator.evaluate(changed.build(), billingCase, bj("2026-03-04T17:30"))
                            .initialResponse()
                            .dueAt())
                    .isEqualTo(bj("2026-03-06T17:00"));
        }

        @Test
        void a_changed_target_in_a_policy_document_applies_to_open_cases() throws IOException {
            String json;
            try (InputStream in = SlaPolicies.class.getResourceAsStream("/sla/default-policy.json")) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String twoDays = json.replace(
                    "{ \"category\": \"BILLING\",      \"severity\": \"B\", \"target\": { \"businessDays\": 1 }",
                    "{ \"category\": \"BILLING\",      \"severity\": \"B\", \"target\": { \"businessDays\": 2 }");
            assertThat(twoDays).isNotEqualTo(json);
            SlaPolicies changed = SlaPolicies.load(new ByteArrayInputStream(twoDays.getBytes(StandardCharsets.UTF_8)));
            assertThat(SlaEvaluator.evaluate(changed, billingCase, bj("2026-03-04T17:30"))
                            .initialResponse()
                            .dueAt())
                    .isEqualTo(bj("2026-03-06T17:00"));
        }
    }

    @Nested
    class InvalidHistories {
        @Test
        void a_history_must_begin_with_the_submission() {
            assertThatThrownBy(() -> evaluate(List.of(agentResponded(bj("2026-03-02T10:00"))), "2026-03-02T11:00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("submission");
        }

        @Test
        void a_severity_the_policy_does_not_allow_is_refused() {
            assertThatThrownBy(
                            () -> evaluate(List.of(submitted(bj("2026-03-02T10:00"), A, BILLING)), "2026-03-02T11:00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not allowed for BILLING");
        }
    }
}
