package com.supportdesk.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.supportdesk.runtime.FunctionEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduled function that keeps every event it was given and the simulated instant it ran at; a test can
 * hold a run open ({@link #holdNextRun()}) to see what happens to ticks meanwhile.
 */
public class ScheduleRecorder implements RequestHandler<ScheduledEvent, Void> {
    /** One run: the event, and the function's clock when it started. */
    public record Run(ScheduledEvent event, Instant clockAtStart) {}

    private final FunctionEnvironment environment;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile CountDownLatch hold;
    private volatile CountDownLatch held = new CountDownLatch(1);

    public ScheduleRecorder() {
        this(FunctionEnvironment.fromSystem());
    }

    public ScheduleRecorder(FunctionEnvironment environment) {
        this.environment = environment;
    }

    public FunctionEnvironment environment() {
        return environment;
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            runs.add(new Run(event, environment.clock().instant()));
            CountDownLatch latch = hold;
            if (latch != null) {
                hold = null;
                held.countDown();
                latch.await(30, TimeUnit.SECONDS);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    /** The next run waits, once it has started, until the returned latch is counted down. */
    public CountDownLatch holdNextRun() {
        held = new CountDownLatch(1);
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    /** Waits until a run held by {@link #holdNextRun()} has started. */
    public boolean awaitHeld() throws InterruptedException {
        return held.await(30, TimeUnit.SECONDS);
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The most runs that were ever going on at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }
}
