package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.supportdesk.runtime.Invocation;
import com.supportdesk.runtime.LogScope;
import org.junit.jupiter.api.Test;

class LambdaLogScopeTest {
    private static final String HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void theScopeNamesTheInvocationOfTheContext() {
        TestContext context = TestContext.ofNewFunction("req-1");
        try (LogScope scope = LambdaLogScope.open(context)) {
            assertThat(scope.invocation())
                    .isEqualTo(new Invocation(
                            "req-1",
                            context.functionName(),
                            "12",
                            context.getInvokedFunctionArn(),
                            1024,
                            scope.invocation().xrayTraceId(),
                            context.getLogStreamName()));
        }
    }

    @Test
    void onlyTheFirstInvocationOfTheFunctionIsAColdStart() {
        TestContext first = TestContext.ofNewFunction("req-1");
        try (LogScope scope = LambdaLogScope.open(first)) {
            assertThat(scope.coldStart()).isTrue();
        }
        try (LogScope scope = LambdaLogScope.open(first.next("req-2"))) {
            assertThat(scope.coldStart()).isFalse();
        }
    }

    @Test
    void eachExecutionEnvironmentOfAFunctionHasItsOwnColdStart() {
        TestContext first = TestContext.ofNewFunction("req-1");
        TestContext second = first.inAnotherEnvironment("req-2");
        try (LogScope scope = LambdaLogScope.open(first)) {
            assertThat(scope.coldStart()).isTrue();
        }
        try (LogScope scope = LambdaLogScope.open(second)) {
            assertThat(scope.coldStart())
                    .as("another environment's first invocation")
                    .isTrue();
        }
        try (LogScope scope = LambdaLogScope.open(second.next("req-3"))) {
            assertThat(scope.coldStart()).isFalse();
        }
        try (LogScope scope = LambdaLogScope.open(first.next("req-4"))) {
            assertThat(scope.coldStart()).isFalse();
        }
    }

    @Test
    void theTraceIdComesFromTheRuntimesSystemProperty() {
        String before = System.getProperty(LambdaLogScope.TRACE_HEADER_PROPERTY);
        System.setProperty(LambdaLogScope.TRACE_HEADER_PROPERTY, HEADER);
        try (LogScope scope = LambdaLogScope.open(TestContext.ofNewFunction("req-1"))) {
            assertThat(scope.invocation().xrayTraceId()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        } finally {
            if (before == null) {
                System.clearProperty(LambdaLogScope.TRACE_HEADER_PROPERTY);
            } else {
                System.setProperty(LambdaLogScope.TRACE_HEADER_PROPERTY, before);
            }
        }
    }

    @Test
    void withoutATraceHeaderThereIsNoTraceId() {
        assumeTrue(System.getProperty(LambdaLogScope.TRACE_HEADER_PROPERTY) == null);
        assumeTrue(System.getenv(LambdaLogScope.TRACE_HEADER_VARIABLE) == null);
        try (LogScope scope = LambdaLogScope.open(TestContext.ofNewFunction("req-1"))) {
            assertThat(scope.invocation().xrayTraceId()).isNull();
        }
    }

    @Test
    void theTraceIdIsTheRootOfTheHeader() {
        assertThat(LambdaLogScope.xrayTraceId(HEADER, null)).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(LambdaLogScope.xrayTraceId(null, HEADER)).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(LambdaLogScope.xrayTraceId("Parent=53995c3f42cd8ad8; Root=1-abc-def;Sampled=0", "Root=1-env"))
                .as("the property wins, and Root need not come first")
                .isEqualTo("1-abc-def");
        assertThat(LambdaLogScope.xrayTraceId("", "Root=1-env")).isEqualTo("1-env");
        assertThat(LambdaLogScope.xrayTraceId("Parent=53995c3f42cd8ad8;Sampled=0", null))
                .isNull();
        assertThat(LambdaLogScope.xrayTraceId("Root=", null)).isNull();
        assertThat(LambdaLogScope.xrayTraceId(null, null)).isNull();
    }

    @Test
    void withoutAContextTheScopeNamesNoInvocation() {
        try (LogScope scope = LambdaLogScope.open(null)) {
            assertThat(scope.invocation().requestId()).isNull();
            assertThat(scope.invocation().functionName()).isNull();
        }
    }
}
