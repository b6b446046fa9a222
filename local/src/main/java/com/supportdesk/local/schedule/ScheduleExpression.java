package com.supportdesk.local.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge {@code rate(...)} expression: {@code rate(1 minute)}, {@code rate(5 minutes)},
 * {@code rate(1 hour)}, {@code rate(2 hours)}, {@code rate(1 day)}, {@code rate(7 days)} (singular for 1,
 * plural otherwise, as EventBridge insists). Its ticks are the whole multiples of the period since the
 * epoch, so {@code rate(1 minute)} ticks on every full minute of the simulated clock.
 *
 * <p>{@code cron(...)} expressions are not run locally and are refused with a message that says so.
 */
public record ScheduleExpression(String text, Duration period) {
    private static final Pattern RATE =
            Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    public static ScheduleExpression parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.startsWith("cron(")) {
            throw new IllegalArgumentException("The local runner runs rate(...) schedules only, not " + trimmed
                    + "; use rate(N minutes|hours|days) or run the function's test directly");
        }
        Matcher matcher = RATE.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a schedule expression; expected rate(N minute|minutes|hour|hours|day|days)");
        }
        long value;
        try {
            value = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            value = 0;
        }
        String unit = matcher.group(2);
        if (value < 1) {
            throw new IllegalArgumentException("'" + text + "': the rate must be a positive whole number");
        }
        if ((value == 1) == unit.endsWith("s")) {
            throw new IllegalArgumentException(
                    "'" + text + "': EventBridge wants the singular unit for 1 and the plural"
                            + " otherwise (rate(1 minute), rate(5 minutes))");
        }
        Duration period =
                switch (unit) {
                    case "minute", "minutes" -> Duration.ofMinutes(value);
                    case "hour", "hours" -> Duration.ofHours(value);
                    default -> Duration.ofDays(value);
                };
        return new ScheduleExpression(trimmed, period);
    }

    /** The first tick strictly after {@code instant}. */
    public Instant tickAfter(Instant instant) {
        long periodMillis = period.toMillis();
        long millis = instant.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(millis, periodMillis) * periodMillis + periodMillis);
    }

    @Override
    public String toString() {
        return text;
    }
}
