package com.supportdesk.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.TestFunctions;
import com.supportdesk.local.testfunctions.MeetingHandler;
import com.supportdesk.runtime.FunctionEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Like Lambda: concurrent invocations run at once on separate instances, up to the concurrency limit. */
class LocalFunctionConcurrencyTest {
    private final FunctionEnvironment environment =
            FunctionEnvironment.of(Map.of(), SimulatedClock.startingAt(Instant.parse("2026-03-02T09:00:00Z")));

    @BeforeEach
    void reset() {
        MeetingHandler.CONSTRUCTED.set(0);
        MeetingHandler.LOG_STREAMS.clear();
        MeetingHandler.patience = 5_000;
    }

    private LocalFunction load(int instances) {
        return LocalFunction.load(
                TestFunctions.http("MeetingFunction", MeetingHandler.class.getName(), "GET /meet"),
                environment,
                getClass().getClassLoader(),
                Duration.ofSeconds(30),
                512,
                "arn:aws:lambda:us-east-1:0:function:MeetingFunction",
                instances);
    }

    private static List<String> invokeAtOnce(LocalFunction function, int invocations) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(invocations);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                String requestId = "r" + i;
                answers.add(threads.submit(
                        () -> new String(function.invoke(new byte[0], requestId), StandardCharsets.UTF_8)));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentInvocationsRunAtOnceOnInstancesEachMadeThroughTheConstructor() throws Exception {
        LocalFunction function = load(8);
        MeetingHandler.meeting = new CountDownLatch(4);

        List<String> answers = invokeAtOnce(function, 4);

        assertThat(answers)
                .as("all four were inside the handler at the same moment")
                .containsOnly("met");
        assertThat(function.instanceCount()).isEqualTo(4);
        assertThat(MeetingHandler.CONSTRUCTED).hasValue(4);
        assertThat(function.handlers()).doesNotHaveDuplicates();
        assertThat(MeetingHandler.LOG_STREAMS).as("one log stream per instance").hasSize(4);
        assertThat(function.mostConcurrentInvocations()).isEqualTo(4);
    }

    @Test
    void withOneInstanceInvocationsAreQueuedOneAtATime() throws Exception {
        LocalFunction function = load(1);
        MeetingHandler.meeting = new CountDownLatch(2);
        MeetingHandler.patience = 300;

        List<String> answers = invokeAtOnce(function, 2);

        assertThat(answers).containsExactlyInAnyOrder("alone", "met");
        assertThat(function.instanceCount()).isEqualTo(1);
        assertThat(function.mostConcurrentInvocations()).isEqualTo(1);
    }

    @Test
    void invocationsBeyondTheLimitWaitForAFreeInstanceInsteadOfFailing() throws Exception {
        LocalFunction function = load(3);
        MeetingHandler.meeting = new CountDownLatch(0);

        List<String> answers = invokeAtOnce(function, 20);

        assertThat(answers).hasSize(20).containsOnly("met");
        assertThat(function.instanceCount()).isBetween(1, 3);
        assertThat(function.mostConcurrentInvocations()).isLessThanOrEqualTo(3);
    }

    @Test
    void sequentialInvocationsKeepToTheWarmInstance() {
        LocalFunction function = load(8);
        MeetingHandler.meeting = new CountDownLatch(0);
        for (int i = 0; i < 5; i++) {
            function.invoke(new byte[0], "r" + i);
        }
        assertThat(function.instanceCount()).isEqualTo(1);
        assertThat(MeetingHandler.LOG_STREAMS).hasSize(1);
    }
}
