package com.supportdesk.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one clock every locally run function gets: it starts at a chosen instant and then runs with real
 * time; {@link #advance(Duration)} and {@link #set(Instant)} move it. Thread-safe: the state is one
 * immutable anchor swapped atomically, so readers never see a half-applied move.
 *
 * <p>Views in another zone ({@link #withZone(ZoneId)}) share the same anchor and so move together.
 *
 * <p>The clock serves instants from {@link #EARLIEST} to {@link #LATEST} only: four-digit years, which
 * every date the desk computes and writes (due times, calendars, ISO-8601 text, epoch-second TTLs) can
 * represent, with a year to spare for deadlines computed ahead. Starting, setting or advancing it outside
 * that window is refused with {@link OutOfRangeException}, so no move can leave every function failing.
 */
public final class SimulatedClock extends Clock {
    /** The earliest instant the clock serves. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest instant the clock may be started, set or advanced to. */
    public static final Instant LATEST = Instant.parse("9998-12-31T23:59:59Z");

    /** An instant of simulated time paired with the monotonic reading taken at that moment. */
    private record Anchor(Instant instant, long nanos) {}

    private final State state;
    private final ZoneId zone;

    private static final class State {
        private final LongSupplier nanoTime;
        private final List<Consumer<Instant>> moveListeners = new CopyOnWriteArrayList<>();
        private volatile Anchor anchor;

        State(Instant start, LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            this.anchor = new Anchor(start, nanoTime.getAsLong());
        }

        Instant now() {
            Anchor a = anchor;
            return a.instant().plusNanos(nanoTime.getAsLong() - a.nanos());
        }

        Instant move(java.util.function.UnaryOperator<Instant> change) {
            Instant next;
            synchronized (this) {
                next = requireServable(change.apply(now()));
                anchor = new Anchor(next, nanoTime.getAsLong());
            }
            moveListeners.forEach(listener -> listener.accept(next));
            return next;
        }
    }

    private SimulatedClock(State state, ZoneId zone) {
        this.state = state;
        this.zone = zone;
    }

    /** Starts at {@code start} and runs with real (monotonic) time from there. */
    public static SimulatedClock startingAt(Instant start) {
        return startingAt(start, System::nanoTime);
    }

    /** The passing of time comes from {@code nanoTime} (tests pass a fake one to freeze or step it). */
    public static SimulatedClock startingAt(Instant start, LongSupplier nanoTime) {
        return new SimulatedClock(
                new State(requireServable(Objects.requireNonNull(start, "start")), nanoTime), ZoneOffset.UTC);
    }

    /**
     * {@code instant} if the clock can serve it.
     *
     * @throws OutOfRangeException when it is before {@link #EARLIEST} or after {@link #LATEST}
     */
    public static Instant requireServable(Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new OutOfRangeException(instant.toString());
        }
        return instant;
    }

    /** An instant outside the window the clock serves; the message names the window. */
    public static final class OutOfRangeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        OutOfRangeException(String what) {
            super("The simulated clock serves instants from " + EARLIEST + " to " + LATEST + ", not " + what);
        }
    }

    /** Moves the clock forward; negative durations are refused (use {@link #set(Instant)} to go back). */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Only forward: use set to move the clock back");
        }
        return state.move(now -> {
            if (Duration.between(now, LATEST).compareTo(duration) < 0) {
                throw new OutOfRangeException("advancing by " + duration + " from " + now);
            }
            return now.plus(duration);
        });
    }

    /** Puts the clock at {@code instant}; it keeps running from there. */
    public Instant set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return state.move(now -> instant);
    }

    /**
     * Calls {@code listener} with the new instant after every {@link #advance} and {@link #set}, on the
     * thread that moved the clock; not as time passes. What runs on the simulated clock (the schedules)
     * uses it to act on a move at once instead of noticing it later.
     */
    public void onMove(Consumer<Instant> listener) {
        state.moveListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Instant instant() {
        return state.now();
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : new SimulatedClock(state, newZone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimulatedClock c && c.state == state && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(state) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + instant() + "," + zone + "]";
    }
}
