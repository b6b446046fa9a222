package com.supportdesk.functions.reportaggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.reports.ReportAggregator;
import com.supportdesk.reports.SlaReportStore;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Consumes the reports queue (the notifications topic's second subscription, SQS event source with
 * {@code ReportBatchItemFailures}) and keeps the SLA report's daily aggregates (decision 0017). A record that
 * is not a notification request, or whose DynamoDB writes failed, is reported back: the queue delivers it
 * again and, after its last receive, moves it to the reports dead-letter queue. Its own small function:
 * it reads cases and writes only the report's aggregates (decision 0017).
 */
public final class ReportAggregatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ReportAggregator aggregator;

    public ReportAggregatorHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public ReportAggregatorHandler(FunctionEnvironment context) {
        DynamoDbClient dynamo = new AwsClients(context).dynamoDb();
        String table = context.required("CASES_TABLE");
        CaseSla sla = new CaseSla(SlaPolicySource.from(context));
        this.aggregator = new ReportAggregator(
                new CaseRepository(dynamo, table, sla), sla, new SlaReportStore(dynamo, table), context.clock());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            try {
                if (aggregator.handle(record.getBody()) == ReportAggregator.Outcome.REJECTED) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            } catch (RuntimeException e) {
                // DynamoDB failed or throttled after the SDK's retries: the queue tries again later
                Log.error(
                        "report_message_failed",
                        Map.of("exception", e.getClass().getName()),
                        e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
