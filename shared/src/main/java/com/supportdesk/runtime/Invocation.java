package com.supportdesk.runtime;

/**
 * The function invocation a log line was written in, in plain values so that {@code shared} stays free
 * of Lambda types; the handler side builds it from the Lambda context. A value that is not known (a test
 * calling a handler without a context, no X-Ray tracing) is {@code null}, and a memory size of 0 means
 * unknown; log lines leave such fields out.
 *
 * @param requestId the Lambda request id ({@code function_request_id})
 * @param functionName the function's name ({@code function_name}); cold starts are counted per name
 * @param functionVersion the version invoked, for example {@code $LATEST} or {@code 3}
 * @param functionArn the ARN the function was invoked with, alias or version qualifier included
 * @param memorySizeMb the function's memory size in MB
 * @param xrayTraceId the {@code Root=} value of the X-Ray trace header, without the {@code Root=}
 * @param logStreamName the log stream of the execution environment running it: one per environment, so
 *     together with the function's name it tells environments apart (cold starts are counted per pair)
 */
public record Invocation(
        String requestId,
        String functionName,
        String functionVersion,
        String functionArn,
        int memorySizeMb,
        String xrayTraceId,
        String logStreamName) {

    /** An invocation whose execution environment is not known (no log stream). */
    public Invocation(
            String requestId,
            String functionName,
            String functionVersion,
            String functionArn,
            int memorySizeMb,
            String xrayTraceId) {
        this(requestId, functionName, functionVersion, functionArn, memorySizeMb, xrayTraceId, null);
    }
}
