package com.supportdesk.it.sweep;

import static com.supportdesk.it.sweep.CaseStory.bj;
import static com.supportdesk.it.sweep.SweepFixture.AMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseChecks;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Severity;
import com.supportdesk.sweep.SlaSweep;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepReport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A changed target (calendar, holidays: the same path) reaches open cases on the sweep's next run: the
 * sweep reads the policy every run and, when it changed, recomputes every open case's index key, so a
 * due time the new policy moved earlier is not found at the time the old policy gave.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepPolicyChangeTest {
    static SnsStub sns;

    @BeforeAll
    static void startSns() {
        sns = new SnsStub();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @Test
    void aShorterTargetInTheParameterReachesAnOpenCaseOnTheNextRun(LocalAws aws) throws Exception {
        SweepFixture world = new SweepFixture(aws, sns, bj("2026-03-02T11:00"));
        AtomicReference<String> parameter = new AtomicReference<>(defaultPolicy());
        SweepPolicy policy = SweepPolicy.of(parameter::get);
        SlaSweep sweep = world.sweep(world.publisher(), SweepFixture.settings(), policy);

        // technical B, Monday 10:00: one business day of 09-24, due Tuesday 10:00, warning Monday 21:15
        SupportCase c = world.store(CaseStory.technical("t-policy", Severity.B, bj("2026-03-02T10:00"))
                .build());
        SweepReport before = sweep.run(AMPLE_TIME);
        assertThat(before.events()).isEmpty();

        // the operators promise technical B within four hours from now on: due 14:00, warning 13:00
        parameter.set(withTechnicalB(parameter.get(), "PT4H"));
        world.clock.set(bj("2026-03-02T12:00"));
        SweepReport changed = sweep.run(AMPLE_TIME);
        assertThat(changed.policy()).isNotEqualTo(before.policy());
        assertThat(changed.rekeyed()).isEqualTo(1);

        world.clock.set(bj("2026-03-02T13:00"));
        SweepReport warned = sweep.run(AMPLE_TIME);
        assertThat(warned.events(CaseEventType.SLA_WARNING)).isEqualTo(1);
        CaseEvent warning = world.sweepEntries(c.caseId()).get(0);
        assertThat(CaseChecks.dueAtOf(warning)).contains(bj("2026-03-02T14:00"));

        world.clock.set(bj("2026-03-02T14:01"));
        assertThat(sweep.run(AMPLE_TIME).events(CaseEventType.SLA_BREACHED)).isEqualTo(1);
        assertThat(world.sweepEntries(c.caseId()))
                .extracting(CaseEvent::type)
                .containsExactly(CaseEventType.SLA_WARNING, CaseEventType.SLA_BREACHED);
    }

    @Test
    void aPolicyThatCannotBeReadOrIsInvalidKeepsTheLastOne(LocalAws aws) throws Exception {
        SweepFixture world = new SweepFixture(aws, sns, bj("2026-03-02T11:00"));
        AtomicReference<String> parameter = new AtomicReference<>(defaultPolicy());
        SweepPolicy policy = SweepPolicy.of(() -> {
            String text = parameter.get();
            if (text == null) {
                throw new IllegalStateException("parameter store unavailable");
            }
            return text;
        });
        SlaSweep sweep = world.sweep(world.publisher(), SweepFixture.settings(), policy);
        String first = sweep.run(AMPLE_TIME).policy();
        parameter.set(null);
        assertThat(sweep.run(AMPLE_TIME).policy()).isEqualTo(first);
        parameter.set("{ \"rules\": [] }"); // an operator's mistake: not a valid policy
        assertThat(sweep.run(AMPLE_TIME).policy()).isEqualTo(first);
    }

    static String defaultPolicy() throws Exception {
        try (InputStream in = SweepPolicyChangeTest.class.getResourceAsStream("/sla/default-policy.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String withTechnicalB(String policy, String duration) throws Exception {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(policy);
        doc.withArray("rules").forEach(rule -> {
            if (rule.path("category").asText().equals("TECHNICAL")
                    && rule.path("severity").asText().equals("B")) {
                ((ObjectNode) rule).putObject("target").put("duration", duration);
            }
        });
        return doc.toString();
    }
}
