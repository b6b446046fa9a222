package com.supportdesk.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler whose invocations wait for each other: each counts down {@link #meeting} and waits (up to
 * {@link #patience}) for the others, answering {@code met} when they all arrived and {@code alone} when
 * they did not. Invocations that run at once meet; invocations that are queued one after the other cannot.
 * Counts its constructions and notes the log stream (execution environment) of every invocation.
 */
public class MeetingHandler {
    public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    public static final Set<String> LOG_STREAMS = ConcurrentHashMap.newKeySet();
    public static volatile CountDownLatch meeting = new CountDownLatch(0);
    public static volatile long patience = TimeUnit.SECONDS.toMillis(5);

    public MeetingHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public MeetingHandler(FunctionEnvironment environment) {
        CONSTRUCTED.incrementAndGet();
    }

    public void handleRequest(InputStream in, OutputStream out, Context context) throws Exception {
        LOG_STREAMS.add(context.getLogStreamName());
        CountDownLatch latch = meeting;
        latch.countDown();
        boolean met = latch.await(patience, TimeUnit.MILLISECONDS);
        out.write((met ? "met" : "alone").getBytes(StandardCharsets.UTF_8));
    }
}
