package com.supportdesk.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.supportdesk.runtime.FunctionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SQS consumer whose messages say how it treats them, to test the local SQS integration:
 *
 * <ul>
 *   <li>{@code fail...} — reported in {@code batchItemFailures} every time;</li>
 *   <li>{@code fail-until-N...} — reported failed until its receive count reaches N;</li>
 *   <li>{@code throw-once...} — the whole invocation throws on the first receive;</li>
 *   <li>{@code stranger-once...} — on the first receive, answers with a failure id that is not in the batch;</li>
 *   <li>anything else succeeds.</li>
 * </ul>
 *
 * It keeps every record and batch it was given, for the test to read through the loaded instance.
 */
public class SelectiveFailureHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** One record as the function saw it. */
    public record Seen(String messageId, String body, int receiveCount, SQSEvent.SQSMessage record) {}

    private final FunctionEnvironment environment;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    public SelectiveFailureHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SelectiveFailureHandler(FunctionEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        batchSizes.add(event.getRecords().size());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean throwNow = false;
        boolean answerWithStranger = false;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            int receiveCount = Integer.parseInt(record.getAttributes().get("ApproximateReceiveCount"));
            String body = record.getBody();
            seen.add(new Seen(record.getMessageId(), body, receiveCount, record));
            if (body.startsWith("fail-until-")) {
                int until =
                        Integer.parseInt(body.substring("fail-until-".length()).split("\\D", 2)[0]);
                if (receiveCount < until) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            } else if (body.startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } else if (body.startsWith("throw-once") && receiveCount == 1) {
                throwNow = true;
            } else if (body.startsWith("stranger-once") && receiveCount == 1) {
                answerWithStranger = true;
            }
        }
        if (throwNow) {
            throw new IllegalStateException("told to throw");
        }
        if (answerWithStranger) {
            failures.add(new SQSBatchResponse.BatchItemFailure("not-a-message-of-this-batch"));
        }
        return new SQSBatchResponse(failures);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    public FunctionEnvironment environment() {
        return environment;
    }
}
