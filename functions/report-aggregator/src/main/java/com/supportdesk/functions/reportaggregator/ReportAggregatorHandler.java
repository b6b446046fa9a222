package com.supportdesk.functions.reportaggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.lambda.Priming;
import com.supportdesk.lambda.PrimingStep;
import com.supportdesk.lambda.SqsBatch;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.reports.ReportAggregator;
import com.supportdesk.reports.SlaReportStore;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.Log;
import com.supportdesk.sla.SlaWarmUp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Consumes the reports queue (the notifications topic's second subscription, SQS event source with
 * {@code ReportBatchItemFailures}) and keeps the SLA report's daily aggregates (decision 0016). A record that
 * is not a notification request, or whose DynamoDB writes failed, is reported back: the queue delivers it
 * again and, after its last receive, moves it to the reports dead-letter queue. Its own small function:
 * it reads cases and writes only the report's aggregates (decision 0016).
 *
 * <p>Lambda calls the stream method, which reads the records with the project's mapper and writes the batch
 * response itself, so the runtime never sets up its own JSON (whose event classes need joda-time, which the
 * lean jar leaves out: decision 0009). The typed method stays for the tests.
 *
 * <p>SnapStart priming reads only: a request about a case that does not exist (parsed, the case read, nothing
 * counted), one day of the aggregates of a tenant no one registers, and the SLA engine.
 */
public final class ReportAggregatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {
    /** A case id no case has (I, O, L and U are never in ids), of a tenant no one registers. */
    static final String ABSENT_CASE = "CS-IOLU-IOLU-IOLU";

    static final String ABSENT_TENANT = "snapstart-priming";

    private final ReportAggregator aggregator;
    /** Held here: the runtime holds checkpoint hooks weakly. */
    private final Priming priming;

    public ReportAggregatorHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public ReportAggregatorHandler(FunctionEnvironment context) {
        DynamoDbClient dynamo = new AwsClients(context).dynamoDb();
        String table = context.required("CASES_TABLE");
        CaseSla sla = new CaseSla(SlaPolicySource.from(context));
        SlaReportStore store = new SlaReportStore(dynamo, table);
        this.aggregator = new ReportAggregator(new CaseRepository(dynamo, table, sla), sla, store, context.clock());
        LocalDate day = LocalDate.of(2026, 1, 1);
        this.priming = Priming.reads(
                PrimingStep.read("request of case " + ABSENT_CASE, () -> aggregator.handle(primingRequest())),
                PrimingStep.read(
                        "aggregates of " + ABSENT_TENANT, () -> store.read(day, day, Optional.of(ABSENT_TENANT))),
                PrimingStep.read("SLA engine", () -> SlaWarmUp.run(Instant.now())),
                SqsBatch.primeAnswer());
    }

    /** What this function does before a SnapStart snapshot (the tests run it directly). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SqsBatch.answer(aggregate(SqsBatch.read(input)), output);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.response(aggregate(SqsBatch.of(event)));
    }

    /** @return the message ids of the records to deliver again */
    private List<String> aggregate(List<SqsBatch.Message> messages) {
        List<String> failures = new ArrayList<>();
        for (SqsBatch.Message message : messages) {
            try {
                if (aggregator.handle(message.body()) == ReportAggregator.Outcome.REJECTED) {
                    failures.add(message.messageId());
                }
            } catch (RuntimeException e) {
                // DynamoDB failed or throttled after the SDK's retries: the queue tries again later
                Log.error(
                        "report_message_failed",
                        Map.of("exception", e.getClass().getName()),
                        e);
                failures.add(message.messageId());
            }
        }
        return failures;
    }

    /** A case acknowledgement about a case that does not exist: parsed, the case read, nothing counted. */
    private static String primingRequest() {
        ObjectNode request = Json.MAPPER
                .createObjectNode()
                .put("schema", NotificationRequest.SCHEMA)
                .put("version", NotificationRequest.VERSION)
                .put("notificationId", ABSENT_CASE + "#ack#priming")
                .put("type", "CASE_ACKNOWLEDGEMENT")
                .put("tenantId", ABSENT_TENANT)
                .put("caseId", ABSENT_CASE)
                .put("language", "en")
                .put("occurredAt", "2026-01-05T01:00:00Z");
        request.putObject("recipient").put("ref", "CASE_CONTACT").put("channel", "EMAIL");
        request.putObject("details");
        return request.toString();
    }
}
