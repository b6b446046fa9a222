package com.supportdesk.local.schedule;

import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.lambda.LocalFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code Schedule} event of a function, run on the simulated clock: each time the clock passes a tick of
 * the rate, the function gets a {@code ScheduledEvent} whose {@code time} is the simulated instant of the
 * run.
 *
 * <ul>
 *   <li>When an operator moves the clock forward, a due run starts at once (the clock tells this schedule
 *       about every move). Like EventBridge after an outage, a jump over many ticks runs the function
 *       <em>once</em>, at the new time, not once per tick skipped: the function works off its own backlog.</li>
 *   <li>Runs of one schedule never overlap: a run still going when the next tick passes delays that tick
 *       until it ends (then it runs once).</li>
 *   <li>A run that fails is reported on the console and not retried; the next tick comes anyway.</li>
 *   <li>Moving the clock back moves the next tick back with it.</li>
 * </ul>
 */
public final class LocalSchedule implements AutoCloseable {

    /**
     * @param eventName  the event's name under the function's {@code Events}
     * @param expression the rate
     * @param input      the event's {@code Input} (JSON sent instead of the scheduled event), if any
     * @param ruleArn    the rule the event names in {@code resources}
     */
    public record Settings(String eventName, ScheduleExpression expression, Optional<String> input, String ruleArn) {}

    private final LocalFunction function;
    private final Settings settings;
    private final SimulatedClock clock;
    private final String region;
    private final String account;
    private final Thread runner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean moved;
    private volatile boolean stopping;
    private volatile boolean running;
    private final AtomicReference<Instant> nextTick = new AtomicReference<>();

    private LocalSchedule(
            LocalFunction function, Settings settings, SimulatedClock clock, String region, String account) {
        this.function = function;
        this.settings = settings;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.nextTick.set(settings.expression().tickAfter(clock.instant()));
        this.runner = new Thread(this::run, "schedule-" + function.name() + "-" + settings.eventName());
        this.runner.setDaemon(true);
    }

    public static LocalSchedule start(
            LocalFunction function, Settings settings, SimulatedClock clock, String region, String account) {
        LocalSchedule schedule = new LocalSchedule(function, settings, clock, region, account);
        clock.onMove(schedule::clockMoved);
        schedule.runner.start();
        return schedule;
    }

    public String functionName() {
        return function.name();
    }

    public Settings settings() {
        return settings;
    }

    /** The simulated instant from which the next run is due. */
    public Instant nextTick() {
        return nextTick.get();
    }

    /** A run in progress, or one that is due and about to start; empty otherwise. */
    public Optional<String> busyWith() {
        // nextTick first: the run sets running before it moves nextTick, so a run is never missed in between
        Instant next = nextTick.get();
        if (running) {
            return Optional.of(function.name() + " is running for its schedule " + settings.eventName());
        }
        if (!clock.instant().isBefore(next)) {
            return Optional.of(function.name() + "'s schedule " + settings.eventName() + " is due");
        }
        return Optional.empty();
    }

    /** A move back brings the next tick back at once; any move wakes the runner thread to look. */
    private void clockMoved(Instant now) {
        Instant earliest = settings.expression().tickAfter(now);
        nextTick.accumulateAndGet(earliest, (current, candidate) -> candidate.isBefore(current) ? candidate : current);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            moved = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!stopping) {
            Instant now = clock.instant();
            Instant earliest = settings.expression().tickAfter(now);
            if (earliest.isBefore(nextTick.get())) {
                nextTick.set(earliest); // the clock went back while a run was going
            }
            if (!now.isBefore(nextTick.get())) {
                running = true;
                try {
                    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    nextTick.set(settings.expression().tickAfter(at));
                    invoke(at);
                } finally {
                    running = false;
                }
                continue;
            }
            lock.lock();
            try {
                if (!moved && !stopping) {
                    // the simulated clock runs at the pace of real time between moves
                    // whether it woke early or timed out, the loop looks at the clock again
                    long remaining = wake.awaitNanos(
                            Duration.between(now, nextTick.get()).toNanos());
                }
                moved = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void invoke(Instant at) {
        String requestId = UUID.randomUUID().toString();
        byte[] event = settings.input()
                .map(input -> input.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> ScheduledEvents.event(at, settings.ruleArn(), region, account));
        try {
            function.invoke(event, requestId);
        } catch (RuntimeException e) {
            Throwable cause =
                    e instanceof LocalFunction.FunctionErrorException && e.getCause() != null ? e.getCause() : e;
            System.err.println("[local] " + function.name() + " " + requestId + " failed on its schedule "
                    + settings.eventName() + " at " + at + " (not retried; the next tick comes):");
            cause.printStackTrace(System.err);
        }
    }

    /** Stops; a run in progress is finished first (waited for up to {@code grace}). */
    public void stop(Duration grace) {
        stopping = true;
        signal();
        try {
            runner.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
