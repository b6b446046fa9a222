package com.supportdesk.sweep;

import static com.supportdesk.sweep.Story.bj;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseChecks;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.DueEvent;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.sla.SlaEvaluator;
import com.supportdesk.sla.SlaPolicies;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the sweep records, when, and whom it tells: pure functions of (policy, case, now). */
class SweepRulesTest {
    static final SlaPolicies POLICY = SlaPolicies.defaults();

    static CaseChecks checks(SupportCase c, Instant now) {
        return CaseChecks.of(POLICY, c, now);
    }

    static SweepClaim claim(SupportCase c, Instant now) {
        return SweepClaim.of(POLICY, c, now);
    }

    static CaseEvent last(SupportCase c) {
        return c.history().get(c.history().size() - 1);
    }

    @Nested
    class InitialResponse {
        final SupportCase critical =
                Story.technical(Severity.A, bj("2026-03-02T09:00")).build();

        @Test
        void the_warning_falls_due_when_a_quarter_of_the_target_is_left_and_is_told_to_the_queue_and_on_call() {
            assertThat(checks(critical, bj("2026-03-02T09:44")).due()).isEmpty();
            assertThat(checks(critical, bj("2026-03-02T09:00")).indexCheck()).contains(bj("2026-03-02T09:45"));

            SweepClaim claim = claim(critical, bj("2026-03-02T09:45"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.Warning.class);
            CaseEvent entry = last(claim.next());
            assertThat(entry.type()).isEqualTo(CaseEventType.SLA_WARNING);
            assertThat(entry.at()).isEqualTo(bj("2026-03-02T09:45"));
            assertThat(entry.by()).isEqualTo(Actor.SYSTEM_SUBJECT);
            assertThat(entry.role()).isEqualTo(Actor.SYSTEM);
            assertThat(entry.reason()).contains("2026-03-02T02:00:00Z");
            assertThat(entry.details())
                    .containsEntry("dueAt", "2026-03-02T02:00:00Z")
                    .containsEntry("notified", "SUPPORT_QUEUE,ON_CALL")
                    .containsEntry("responseState", "RUNNING")
                    .containsKey("nextCheckAt");
            assertThat(claim.next().version()).isEqualTo(critical.version() + 1);
            assertThat(claim.requests())
                    .extracting(NotificationRequest::notificationId)
                    .containsExactly(
                            critical.caseId() + "#SLA_WARNING#2026-03-02T02:00:00Z#SUPPORT_QUEUE",
                            critical.caseId() + "#SLA_WARNING#2026-03-02T02:00:00Z#ON_CALL");
            NotificationRequest request = claim.requests().get(0);
            assertThat(request.type()).isEqualTo(NotificationType.SLA_WARNING);
            assertThat(request.details())
                    .containsEntry("severity", "A")
                    .containsEntry("dueAt", "2026-03-02T02:00:00Z")
                    .containsEntry("reason", "initial response due soon");

            // recorded: nothing more is due until the breach, the first instant after the due time
            CaseChecks after = checks(claim.next(), bj("2026-03-02T09:50"));
            assertThat(after.due()).isEmpty();
            assertThat(after.indexCheck()).contains(bj("2026-03-02T10:00").plusNanos(1));
        }

        @Test
        void a_b_warning_goes_to_the_queue_alone_with_a_single_request_id() {
            SupportCase b = Story.technical(Severity.B, bj("2026-03-02T10:00")).build();
            SweepClaim claim = claim(b, bj("2026-03-02T22:00"));
            assertThat(claim.requests())
                    .extracting(NotificationRequest::notificationId)
                    .containsExactly(b.caseId() + "#SLA_WARNING#2026-03-03T02:00:00Z");
        }

        @Test
        void a_breach_is_recorded_with_who_was_told_and_a_warning_is_never_sent_after_it() {
            SweepClaim claim = claim(critical, bj("2026-03-02T10:30"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.Breach.class);
            CaseEvent entry = last(claim.next());
            assertThat(entry.type()).isEqualTo(CaseEventType.SLA_BREACHED);
            assertThat(entry.details())
                    .containsEntry("dueAt", "2026-03-02T02:00:00Z")
                    .containsEntry("notified", "CASE_CONTACT:EMAIL,SUPPORT_QUEUE,ON_CALL")
                    .containsEntry("responseState", "BREACHED");
            assertThat(claim.requests())
                    .extracting(r -> r.recipient().ref())
                    .containsExactly("CASE_CONTACT", "SUPPORT_QUEUE", "ON_CALL");
            assertThat(claim.requests()).allMatch(r -> r.type() == NotificationType.SLA_BREACH);
            assertThat(claim.requests().get(0).language().tag()).isEqualTo("ja");
            assertThat(checks(claim.next(), bj("2026-03-02T11:30")).due()).isEmpty();
            assertThat(checks(claim.next(), bj("2026-03-02T11:30")).indexCheck())
                    .isEmpty();
        }

        @Test
        void a_late_answer_the_sweep_did_not_see_coming_is_recorded_but_told_to_nobody() {
            SupportCase answeredLate = Story.technical(Severity.A, bj("2026-03-02T09:00"))
                    .respond(bj("2026-03-02T10:05"))
                    .build();
            SweepClaim claim = claim(answeredLate, bj("2026-03-02T10:06"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.Breach.class);
            assertThat(last(claim.next()).details()).containsEntry("notified", "none");
            assertThat(last(claim.next()).reason()).contains("came late");
            assertThat(claim.requests()).isEmpty();
        }

        @Test
        void an_answer_in_time_leaves_nothing_to_record() {
            SupportCase answered = Story.technical(Severity.A, bj("2026-03-02T09:00"))
                    .respond(bj("2026-03-02T09:40"))
                    .build();
            assertThat(checks(answered, bj("2026-03-02T10:30")).due()).isEmpty();
        }
    }

    @Nested
    class FollowUp {
        @Test
        void a_critical_case_without_an_update_for_four_hours_is_overdue_once() {
            SupportCase c = Story.technical(Severity.A, bj("2026-03-02T09:00"))
                    .respond(bj("2026-03-02T09:30"))
                    .build();
            assertThat(checks(c, bj("2026-03-02T09:30")).indexCheck())
                    .contains(bj("2026-03-02T13:30").plusNanos(1));
            SweepClaim claim = claim(c, bj("2026-03-02T13:31"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.FollowUpOverdue.class);
            assertThat(claim.requests())
                    .extracting(NotificationRequest::notificationId)
                    .containsExactly(
                            c.caseId() + "#FOLLOW_UP_OVERDUE#2026-03-02T05:30:00Z#SUPPORT_QUEUE",
                            c.caseId() + "#FOLLOW_UP_OVERDUE#2026-03-02T05:30:00Z#ON_CALL");
            assertThat(checks(claim.next(), bj("2026-03-02T18:00")).due()).isEmpty();
        }
    }

    @Nested
    class Downgrade {
        final Story waiting = Story.technical(Severity.A, bj("2026-03-02T09:00"))
                .respond(bj("2026-03-02T09:30"))
                .await(bj("2026-03-02T10:00"));

        @Test
        void the_admin_is_told_an_hour_before_what_keeps_the_severity() {
            SupportCase c = waiting.build();
            assertThat(checks(c, bj("2026-03-02T10:00")).indexCheck()).contains(bj("2026-03-02T13:00"));
            assertThat(checks(c, bj("2026-03-02T12:59")).due()).isEmpty();

            SweepClaim claim = claim(c, bj("2026-03-02T13:00"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.DowngradeNotice.class);
            NotificationRequest notice = claim.requests().get(0);
            assertThat(notice.notificationId()).isEqualTo(c.caseId() + "#DOWNGRADE_NOTICE#2026-03-02T06:00:00Z");
            assertThat(notice.recipient().ref()).isEqualTo("CASE_CONTACT");
            assertThat(notice.details())
                    .containsEntry("fromSeverity", "A")
                    .containsEntry("toSeverity", "B")
                    .containsEntry("downgradeAt", "2026-03-02T06:00:00Z")
                    .doesNotContainKey("reason");
            assertThat(last(claim.next()).reason()).contains("replies or names a reachable contact");
            assertThat(checks(claim.next(), bj("2026-03-02T13:00")).indexCheck())
                    .contains(bj("2026-03-02T14:00"));
        }

        @Test
        void after_the_threshold_the_case_drops_one_severity_and_its_clocks_are_recomputed_from_the_history() {
            SupportCase noticed = claim(waiting.build(), bj("2026-03-02T13:00")).next();
            SweepClaim claim = claim(noticed, bj("2026-03-02T14:00"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.Downgrade.class);
            SupportCase lowered = claim.next();
            assertThat(lowered.severity()).isEqualTo(Severity.B);
            CaseEvent entry = last(lowered);
            assertThat(entry.type()).isEqualTo(CaseEventType.SEVERITY_DOWNGRADED);
            assertThat(entry.severity()).isEqualTo(Severity.B);
            assertThat(entry.from()).isEqualTo("A");
            assertThat(entry.reason()).contains("footnote 1");
            // B then waits three business days of its own calendar: 45 h of 09-24, so Thursday 14:00
            assertThat(entry.details()).containsEntry("downgradeAt", "2026-03-05T06:00:00Z");
            assertThat(claim.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.type()).isEqualTo(NotificationType.SEVERITY_DOWNGRADED))
                    .satisfies(r -> assertThat(r.details())
                            .containsEntry("fromSeverity", "A")
                            .containsEntry("toSeverity", "B"));
            // the engine reads the entry as a severity change
            assertThat(SlaEvaluator.evaluate(POLICY, CaseSla.timeline(lowered), bj("2026-03-02T14:00"))
                            .severity())
                    .isEqualTo(Severity.B);
            assertThat(checks(lowered, bj("2026-03-02T14:00")).indexCheck()).contains(bj("2026-03-05T13:00"));
        }

        @Test
        void a_downgrade_already_due_is_not_announced_after_the_fact() {
            SweepClaim claim = claim(waiting.build(), bj("2026-03-02T15:00"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.Downgrade.class);
            assertThat(claim.next().history())
                    .extracting(CaseEvent::type)
                    .doesNotContain(CaseEventType.DOWNGRADE_NOTICE);
        }

        @Test
        void a_reply_from_the_customer_before_it_stops_it() {
            SupportCase replied = waiting.reply(bj("2026-03-02T13:30")).build();
            assertThat(claim(replied, bj("2026-03-02T14:30")).events()).isEmpty();
        }

        @Test
        void the_notice_can_be_switched_off_in_the_policy() {
            SlaPolicies quiet =
                    POLICY.toBuilder().downgradeNotice(Duration.ZERO).build();
            assertThat(CaseChecks.of(quiet, waiting.build(), bj("2026-03-02T13:30"))
                            .due())
                    .isEmpty();
            assertThat(CaseChecks.of(quiet, waiting.build(), bj("2026-03-02T10:00"))
                            .indexCheck())
                    .contains(bj("2026-03-02T14:00"));
        }
    }

    @Nested
    class AutoClose {
        final SupportCase resolved = Story.billing(Severity.B, bj("2026-03-02T10:00"))
                .byPhone()
                .respond(bj("2026-03-02T11:00"))
                .resolve(bj("2026-03-03T10:00"))
                .build();

        @Test
        void a_resolved_case_without_a_reply_is_closed_after_seven_days_and_the_admin_told() {
            assertThat(checks(resolved, bj("2026-03-03T10:00")).indexCheck()).contains(bj("2026-03-10T10:00"));
            assertThat(checks(resolved, bj("2026-03-10T09:59")).due()).isEmpty();

            SweepClaim claim = claim(resolved, bj("2026-03-10T10:00"));
            assertThat(claim.events()).singleElement().isInstanceOf(DueEvent.AutoClose.class);
            assertThat(claim.next().status()).isEqualTo(CaseStatus.CLOSED);
            CaseEvent entry = last(claim.next());
            assertThat(entry.type()).isEqualTo(CaseEventType.AUTO_CLOSED);
            assertThat(entry.status()).isEqualTo(CaseStatus.CLOSED);
            assertThat(entry.from()).isEqualTo("RESOLVED");
            assertThat(claim.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.type()).isEqualTo(NotificationType.CASE_AUTO_CLOSED))
                    .satisfies(r -> assertThat(r.recipient().channel().name()).isEqualTo("SMS"))
                    .satisfies(r -> assertThat(r.details()).containsEntry("dueAt", "2026-03-10T02:00:00Z"));
            assertThat(checks(claim.next(), bj("2026-03-10T10:00")).indexCheck())
                    .isEmpty();
        }

        @Test
        void the_period_is_policy() {
            SlaPolicies quick =
                    POLICY.toBuilder().autoCloseAfter(Duration.ofDays(2)).build();
            assertThat(CaseChecks.of(quick, resolved, bj("2026-03-03T10:00")).indexCheck())
                    .contains(bj("2026-03-05T10:00"));
        }
    }

    @Test
    void a_claim_applied_once_leaves_nothing_due_for_a_second_sweep() {
        SupportCase c = Story.technical(Severity.A, bj("2026-03-02T09:00"))
                .respond(bj("2026-03-02T10:05"))
                .await(bj("2026-03-02T10:10"))
                .build();
        // after hours of downtime: the late breach, then the drop (its notice is past)
        SweepClaim first = claim(c, bj("2026-03-02T20:00"));
        assertThat(first.events())
                .extracting(DueEvent::type)
                .containsExactly(CaseEventType.SLA_BREACHED, CaseEventType.SEVERITY_DOWNGRADED);
        assertThat(first.next().version()).isEqualTo(c.version() + 1);
        assertThat(claim(first.next(), bj("2026-03-02T20:00")).claims()).isFalse();
        assertThat(claim(first.next(), bj("2026-03-02T20:01")).claims()).isFalse();
    }

    @Test
    void the_summary_line_carries_its_numbers_as_embedded_metrics() {
        SweepReport.Tally tally = new SweepReport.Tally(bj("2026-03-02T09:00"));
        tally.due(bj("2026-03-02T08:00"));
        tally.recorded(CaseEventType.SLA_BREACHED);
        SweepReport report = tally.finish(Duration.ofMillis(120));
        assertThat(report.backlogAge()).isEqualTo(Duration.ofHours(1));
        var line = report.logLine();
        assertThat(line)
                .containsEntry("SlaBreached", 1L)
                .containsEntry("DueClocks", 1L)
                .containsEntry("BacklogAge", 3600L)
                .containsKey("_aws");
        @SuppressWarnings("unchecked")
        var aws = (java.util.Map<String, Object>) line.get("_aws");
        assertThat(aws).containsEntry("Timestamp", bj("2026-03-02T09:00").toEpochMilli());
        assertThat(aws.get("CloudWatchMetrics").toString())
                .contains("SupportDesk/SlaSweep", "SlaWarning", "Duration", "Milliseconds", "[[]]");
        assertThat(report.summary())
                .containsEntry("dueKeys", 1)
                .containsEntry("events", java.util.Map.of("SLA_BREACHED", 1));
    }

    @Test
    void index_keys_hold_milliseconds_so_a_check_is_compared_at_that_precision() {
        Instant breach = bj("2026-03-02T10:00").plusNanos(1);
        assertThat(SlaSweep.sameKey(java.util.Optional.of(breach), java.util.Optional.of(bj("2026-03-02T10:00"))))
                .isTrue();
        assertThat(SlaSweep.sameKey(java.util.Optional.of(breach), java.util.Optional.empty()))
                .isFalse();
    }
}
