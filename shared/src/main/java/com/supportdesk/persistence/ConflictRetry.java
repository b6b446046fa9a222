package com.supportdesk.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one retry policy for lost optimistic-write races: try again on fresh data after a jittered pause that
 * grows with each attempt, so writers that collided do not collide again in lockstep. The jitter needs no
 * unpredictability: a snapshot-restored JVM repeating another's pauses costs nothing but a retry.
 */
public final class ConflictRetry {
    /**
     * Enough for the contention a single case or contact sees (tens of parallel writers, as many at once as
     * the function has instances) to settle. Ten attempts were not: 50 parallel replies to one case through
     * the local runner, 8 instances at once, lost 3 with 409 (RunnerConcurrencyTest). Forty attempts with the
     * pause growing up to {@link #MAX_GROWTH} steps stay within a few seconds, well inside a function's timeout.
     */
    public static final ConflictRetry DEFAULT = new ConflictRetry(40, Duration.ofMillis(5), Duration.ofMillis(20));

    /** The pause grows with the first attempts only, so that late attempts keep coming at a steady pace. */
    static final int MAX_GROWTH = 10;

    private final int attempts;
    private final Duration minPause;
    private final Duration pauseStep;

    public ConflictRetry(int attempts, Duration minPause, Duration pauseStep) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive");
        }
        this.attempts = attempts;
        this.minPause = minPause;
        this.pauseStep = pauseStep;
    }

    /**
     * Runs {@code attempt} until it returns a value; an empty result means the write lost a race and nothing
     * was written, so it is tried again.
     *
     * @return the first value, or empty when every attempt lost
     */
    public <T> Optional<T> run(Supplier<Optional<T>> attempt) {
        for (int i = 1; i <= attempts; i++) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result;
            }
            if (i < attempts) {
                pause(i);
            }
        }
        return Optional.empty();
    }

    private void pause(int attempt) {
        long min = minPause.toMillis();
        long max = min + pauseStep.toMillis() * Math.min(attempt, MAX_GROWTH);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(min, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
