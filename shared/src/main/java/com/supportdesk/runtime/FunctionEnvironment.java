package com.supportdesk.runtime;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a function gets from the place it runs in: its environment variables and its clock.
 *
 * <p>Deployed functions use {@link #fromSystem()} (the process environment and the UTC system clock).
 * The local runner and the tests build one explicitly, so a simulated clock or an emulator endpoint
 * can never be picked up by a deployed function by accident.
 */
public final class FunctionEnvironment {
    private final Map<String, String> environment;
    private final Clock clock;

    private FunctionEnvironment(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static FunctionEnvironment fromSystem() {
        return new FunctionEnvironment(System.getenv(), Clock.systemUTC());
    }

    public static FunctionEnvironment of(Map<String, String> environment, Clock clock) {
        return new FunctionEnvironment(environment, clock);
    }

    public Clock clock() {
        return clock;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Optional<String> optional(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A setting the function cannot run without; failing at init is better than failing per request. */
    public String required(String name) {
        return optional(name)
                .orElseThrow(() -> new IllegalStateException("Environment variable " + name + " is not set"));
    }

    public String get(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }
}
