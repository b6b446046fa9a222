package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;

/** The parts of a Lambda context that log lines use; each test function gets a name of its own. */
record TestContext(String requestId, String functionName, String logStream) implements Context {
    static TestContext ofNewFunction(String requestId) {
        return new TestContext(requestId, "fn-" + UUID.randomUUID(), "stream");
    }

    TestContext next(String requestId) {
        return new TestContext(requestId, functionName, logStream);
    }

    /** The same function in another execution environment (which has a log stream of its own). */
    TestContext inAnotherEnvironment(String requestId) {
        return new TestContext(requestId, functionName, "stream-" + UUID.randomUUID());
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
        return "12";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName + ":live";
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
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
