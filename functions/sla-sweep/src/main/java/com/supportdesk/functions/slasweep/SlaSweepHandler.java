package com.supportdesk.functions.slasweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.lambda.LambdaLogScope;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.LogScope;
import com.supportdesk.sweep.SlaSweep;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepSettings;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The EventBridge schedule's target: one sweep of the due SLA clocks per invocation, within the
 * invocation's remaining time. Answers with the run's summary.
 */
public final class SlaSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final SlaSweep sweep;

    public SlaSweepHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SlaSweepHandler(FunctionEnvironment context) {
        DynamoDbClient dynamo = new AwsClients(context).dynamoDb();
        String table = context.required("CASES_TABLE");
        SweepPolicy policy = SweepPolicy.from(context);
        this.sweep = new SlaSweep(
                new CaseRepository(dynamo, table, new CaseSla(policy)),
                new CaseSweepStore(dynamo, table),
                policy,
                SnsNotificationPublisher.from(context),
                settings(context),
                context.clock());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try (LogScope scope = LambdaLogScope.open(context)) {
            return sweep.run(() -> Duration.ofMillis(context.getRemainingTimeInMillis()))
                    .summary();
        }
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
