package com.supportdesk.benchmarks.requestpath;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Time the SDK calls made while answering HTTP requests spend on the wire to the emulators (request sent →
 * answer received), summed. Only calls on the runner's HTTP threads count: the SQS pollers' long polls and
 * the dispatcher's calls run on threads of their own, beside the requests, not inside them. The SDK installs it in every client it builds in a benchmark JVM, through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} in this module's resources; no
 * function artifact contains it.
 */
public final class EmulatorTime implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("supportdesk.benchmark.sent");
    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder CALLS = new LongAdder();
    /** The name of the local runner's HTTP threads (LocalHttpServer). */
    private static final String REQUEST_THREADS = "local-http";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Thread.currentThread().getName().startsWith(REQUEST_THREADS)) {
            attributes.putAttribute(SENT, System.nanoTime());
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (sent != null) {
            NANOS.add(System.nanoTime() - sent);
            CALLS.increment();
        }
    }

    static void reset() {
        NANOS.reset();
        CALLS.reset();
    }

    static long nanos() {
        return NANOS.sum();
    }

    static long calls() {
        return CALLS.sum();
    }
}
