package com.supportdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the timeline rules over random case histories on the default policy. */
class SlaEvaluatorPropertiesTest {

    static final SlaPolicies POLICIES = SlaPolicies.defaults();
    static final Instant EPOCH_2026 = Instant.parse("2026-01-01T00:00:00Z");

    record History(List<TimelineEvent> events, Instant now) {}

    @Property(tries = 300)
    void the_initial_clock_always_counts_from_the_submission(@ForAll("histories") History h) {
        SlaStatus status = SlaEvaluator.evaluate(POLICIES, h.events(), h.now());
        SlaStatus.InitialResponse clock = status.initialResponse();
        assertThat(clock.start()).isEqualTo(h.events().get(0).at());
        SlaRule rule = POLICIES.rule(clock.severity(), status.category());
        assertThat(clock.dueAt()).isEqualTo(SlaClock.due(rule.calendar(), clock.start(), rule.workingTime()));
        assertThat(clock.warningAt()).isBeforeOrEqualTo(clock.dueAt()).isAfterOrEqualTo(clock.start());
    }

    @Property(tries = 300)
    void a_follow_up_is_never_due_sooner_than_its_cadence_after_the_last_answer(@ForAll("histories") History h) {
        SlaStatus status = SlaEvaluator.evaluate(POLICIES, h.events(), h.now());
        Instant lastAnswer = h.events().stream()
                .filter(e -> e instanceof TimelineEvent.AgentResponded && !e.at().isAfter(h.now()))
                .map(TimelineEvent::at)
                .max(Instant::compareTo)
                .orElse(null);
        status.followUp().ifPresent(f -> {
            assertThat(lastAnswer).isNotNull();
            assertThat(f.cycleStart()).isAfterOrEqualTo(lastAnswer);
            f.dueAt().ifPresent(due -> assertThat(due).isAfterOrEqualTo(lastAnswer.plus(Duration.ofHours(4))));
        });
    }

    @Property(tries = 200)
    void the_order_in_which_events_are_listed_does_not_matter(@ForAll("histories") History h, @ForAll long seed) {
        List<TimelineEvent> shuffled = new ArrayList<>(h.events());
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(SlaEvaluator.evaluate(POLICIES, shuffled, h.now()))
                .isEqualTo(SlaEvaluator.evaluate(POLICIES, h.events(), h.now()));
    }

    @Property(tries = 200)
    void evaluating_later_never_turns_a_breach_back(@ForAll("histories") History h, @ForAll("later") Duration later) {
        ResponseState before = SlaEvaluator.evaluate(POLICIES, h.events(), h.now())
                .initialResponse()
                .state();
        ResponseState after = SlaEvaluator.evaluate(
                        POLICIES, h.events(), h.now().plus(later))
                .initialResponse()
                .state();
        if (before == ResponseState.BREACHED || before == ResponseState.MET) {
            assertThat(after).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<Duration> later() {
        return Arbitraries.longs().between(0, 30L * 24 * 60).map(Duration::ofMinutes);
    }

    /** A submission, then up to 12 events at distinct, increasing minutes, and a `now` among or after them. */
    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Category> categories = Arbitraries.of(Category.class);
        Arbitrary<Long> submittedMinute = Arbitraries.longs().between(0, 365L * 24 * 60);
        Arbitrary<List<Integer>> gaps =
                Arbitraries.integers().between(1, 600).list().ofMaxSize(12);
        Arbitrary<List<Integer>> kinds =
                Arbitraries.integers().between(0, 99).list().ofSize(12);
        return Combinators.combine(
                        categories,
                        submittedMinute,
                        gaps,
                        kinds,
                        Arbitraries.integers().between(0, 3000))
                .as((category, minute, gapList, kindList, nowAfter) -> {
                    List<Severity> allowed = List.copyOf(POLICIES.allowedSeverities(category));
                    Instant at = EPOCH_2026.plus(Duration.ofMinutes(minute));
                    List<TimelineEvent> events = new ArrayList<>();
                    events.add(TimelineEvent.submitted(at, allowed.get(kindList.get(0) % allowed.size()), category));
                    for (int i = 0; i < gapList.size(); i++) {
                        at = at.plus(Duration.ofMinutes(gapList.get(i)));
                        int kind = kindList.get(i);
                        events.add(
                                switch (kind % 4) {
                                    case 0 -> TimelineEvent.agentResponded(at);
                                    case 1 ->
                                        TimelineEvent.severityChanged(
                                                at, allowed.get(kind / 4 % allowed.size()), "test");
                                    case 2 ->
                                        TimelineEvent.statusChanged(
                                                at, kind < 60 ? CaseStatus.AWAITING_CUSTOMER : CaseStatus.IN_PROGRESS);
                                    default ->
                                        TimelineEvent.statusChanged(
                                                at, kind < 90 ? CaseStatus.IN_PROGRESS : CaseStatus.RESOLVED);
                                });
                    }
                    return new History(events, events.get(0).at().plus(Duration.ofMinutes(nowAfter)));
                });
    }
}
