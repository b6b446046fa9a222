package com.supportdesk.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@link Context} a locally invoked function gets: its name, the request id, the log stream of the
 * instance (execution environment) that runs it, the time left before
 * the function's {@code Timeout} from template.yaml, its memory size, and a logger that writes to the
 * runner's console prefixed with the function and request.
 */
public final class LocalLambdaContext implements Context {
    private final String functionName;
    private final String requestId;
    private final String functionArn;
    private final String logStream;
    private final int memoryMb;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    public LocalLambdaContext(
            String functionName,
            String functionArn,
            String requestId,
            String logStream,
            Duration timeout,
            int memoryMb) {
        this.functionName = functionName;
        this.logStream = logStream;
        this.functionArn = functionArn;
        this.requestId = requestId;
        this.memoryMb = memoryMb;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        String prefix = "[" + functionName + " " + requestId + "] ";
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(prefix + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStream;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
