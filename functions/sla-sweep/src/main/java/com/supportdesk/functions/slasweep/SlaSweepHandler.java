package com.supportdesk.functions.slasweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.lambda.LambdaLogScope;
import com.supportdesk.lambda.Priming;
import com.supportdesk.lambda.PrimingStep;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.LogScope;
import com.supportdesk.sla.SlaWarmUp;
import com.supportdesk.sweep.SlaSweep;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepSettings;
import com.supportdesk.sweep.SweepWarmUp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The EventBridge schedule's target: one sweep of the due SLA clocks per invocation, within the
 * invocation's remaining time. Answers with the run's summary.
 *
 * <p>Lambda calls the stream method (the one with the most parameters): the run needs nothing of the
 * scheduled event, so the runtime never sets up its own JSON for {@code ScheduledEvent} (whose time field
 * needs joda-time, which the lean artifact leaves out; decision 0009). The typed method stays for the tests.
 *
 * <p>SnapStart priming (decision 0009) reads only: the sweep's state, the due query of an hour bucket long
 * before any case, a case that does not exist, the notifications topic's attributes; and computes a claim
 * on the bundled policy. It never writes, publishes, or reads SSM or a secret.
 */
public final class SlaSweepHandler
        implements RequestHandler<ScheduledEvent, Map<String, Object>>, RequestStreamHandler {
    /** An hour bucket long before any case: its due query finds nothing. */
    static final String PRIMING_BUCKET = "2000-01-01T00";

    private final SlaSweep sweep;
    /** Held here: the runtime holds checkpoint hooks weakly. */
    private final Priming priming;

    public SlaSweepHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SlaSweepHandler(FunctionEnvironment context) {
        DynamoDbClient dynamo = new AwsClients(context).dynamoDb();
        String table = context.required("CASES_TABLE");
        SweepPolicy policy = SweepPolicy.from(context);
        CaseSweepStore store = new CaseSweepStore(dynamo, table);
        SnsNotificationPublisher publisher = SnsNotificationPublisher.from(context);
        SweepSettings settings = settings(context);
        Clock clock = context.clock();
        this.sweep = new SlaSweep(
                new CaseRepository(dynamo, table, new CaseSla(policy)), store, policy, publisher, settings, clock);
        this.priming = Priming.reads(
                PrimingStep.read("sweep state", store::state),
                PrimingStep.read(
                        "due clocks of " + PRIMING_BUCKET,
                        () -> store.due(
                                PRIMING_BUCKET,
                                CaseSweepStore.startOf(CaseSweepStore.following(PRIMING_BUCKET)),
                                settings.pageSize(),
                                Optional.empty())),
                PrimingStep.read("case " + SweepWarmUp.ABSENT_CASE, () -> store.read(SweepWarmUp.ABSENT_CASE)),
                PrimingStep.read("claim on the bundled policy", () -> {
                    SlaWarmUp.run(clock.instant());
                    SweepWarmUp.run(clock.instant());
                }),
                PrimingStep.read("notifications topic", publisher::warmUp),
                PrimingStep.read("run summary JSON", () -> {
                    try {
                        answer(Map.of("primed", List.of(1, "a", true)), OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
    }

    /** What this function does before a SnapStart snapshot (the tests run it directly). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.transferTo(OutputStream.nullOutputStream()); // the scheduled event says nothing the run needs
        answer(run(context), output);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return run(context);
    }

    private Map<String, Object> run(Context context) {
        try (LogScope scope = LambdaLogScope.open(context)) {
            return sweep.run(() -> Duration.ofMillis(context.getRemainingTimeInMillis()))
                    .summary();
        }
    }

    private static void answer(Map<String, Object> summary, OutputStream output) throws IOException {
        output.write(Json.MAPPER.writeValueAsBytes(summary));
    }

    /** The sweep's operating settings from the environment; unset ones keep their defaults. */
    static SweepSettings settings(FunctionEnvironment context) {
        SweepSettings s = SweepSettings.defaults();
        s = s.withPageSize(Integer.parseInt(context.get("SWEEP_PAGE_SIZE", String.valueOf(s.pageSize()))));
        s = s.withTimeReserve(
                Duration.parse(context.get("SWEEP_TIME_RESERVE", s.timeReserve().toString())));
        s = s.withRepublishAfter(Duration.parse(
                context.get("SWEEP_REPUBLISH_AFTER", s.republishAfter().toString())));
        return s.withFirstRunLookback(Duration.parse(
                context.get("SWEEP_FIRST_RUN_LOOKBACK", s.firstRunLookback().toString())));
    }
}
