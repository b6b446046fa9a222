package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.get;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.functions.slasweep.SlaSweepHandler;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.it.support.TestContext;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep function as the schedule invokes it, with its sample event ({@code events/sla-sweep-scheduled.json})
 * and the environment the template gives it, over cases opened and answered through the case functions.
 */
class SlaSweepHandlerTest extends CaseHandlersTest {
    SlaSweepHandler sweep;

    @BeforeEach
    void onATableOfTheirOwn(LocalAws aws) {
        // the sweep works over every case of its table: the functions of this test share one of their own
        Map<String, String> own = new LinkedHashMap<>(sns.environment());
        own.put("CASES_TABLE", TableCopy.of(aws, "CasesTable"));
        submission = Handlers.http(aws, "CaseSubmissionFunction", clock, own);
        api = Handlers.http(aws, "CaseApiFunction", clock, own);
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(
                SamTemplate.ofProject().function("SlaSweepFunction").orElseThrow()));
        env.putAll(own);
        env.put("SWEEP_FIRST_RUN_LOOKBACK", "PT6H");
        sweep = new SlaSweepHandler(FunctionEnvironment.of(env, clock));
    }

    Map<String, Object> scheduled() {
        String json = Handlers.sampleEvent("sla-sweep-scheduled.json").toString();
        ScheduledEvent event = LambdaEventSerializers.serializerFor(
                        ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        return sweep.handleRequest(event, new TestContext());
    }

    @Test
    void aCaseJustOpenedIsOnlyPointedAtItsNextCheck() {
        invoke(submission, submit(tenant, sampleBody(), null));
        // its write pointed the index at once, for the acknowledgement in its outbox, which the submission
        // function published itself: the run reads it, has nothing to record or publish, and moves its key on
        Map<String, Object> first = scheduled();
        assertThat(first).containsEntry("dueKeys", 1).containsEntry("published", 0);
        assertThat(first.get("events")).isEqualTo(Map.of());
        clock.advance(Duration.ofMinutes(1));
        assertThat(scheduled()).containsEntry("dueKeys", 0);
    }

    @Test
    void aWarningIsRecordedAndQueuedOnceAndAnAnswerInTimeStopsTheBreach() {
        String caseId = invoke(submission, submit(tenant, sampleBody(), null))
                .json()
                .path("caseId")
                .asText();
        clock.advance(Duration.ofMinutes(46)); // severity A: warning at 45 minutes, due at 60

        Map<String, Object> summary = scheduled();
        assertThat(summary.get("events")).isEqualTo(Map.of("SLA_WARNING", 1));
        assertThat(summary).containsEntry("published", 2).containsEntry("leftForNextRun", false);

        JsonNode history = invoke(api, CaseFixtures.asAgent(get(caseId))).json().path("history");
        JsonNode warning = history.get(history.size() - 1);
        assertThat(warning.path("type").asText()).isEqualTo("SLA_WARNING");
        assertThat(warning.path("role").asText()).isEqualTo("system");
        assertThat(warning.path("by").asText()).isEqualTo("support-desk");
        assertThat(warning.path("details").path("dueAt").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(warning.path("details").path("notified").asText()).isEqualTo("SUPPORT_QUEUE,ON_CALL");
        List<SnsStub.Published> published = sns.publishedFor(caseId);
        assertThat(published)
                .extracting(p -> p.message().path("notificationId").asText())
                .contains(
                        caseId + "#SLA_WARNING#2026-11-27T02:00:00Z#SUPPORT_QUEUE",
                        caseId + "#SLA_WARNING#2026-11-27T02:00:00Z#ON_CALL");

        // a second run a minute later records nothing more
        clock.advance(Duration.ofMinutes(1));
        assertThat(scheduled().get("events")).isEqualTo(Map.of());

        // the agent answers in time: no breach at the due time
        invoke(api, respond(caseId, "We are on it.", null));
        clock.advance(Duration.ofMinutes(30));
        assertThat(scheduled().get("events")).isEqualTo(Map.of());
        assertThat(invoke(api, CaseFixtures.asAgent(get(caseId)))
                        .json()
                        .path("sla")
                        .path("initialResponse")
                        .path("state")
                        .asText())
                .isEqualTo("MET");
    }
}
