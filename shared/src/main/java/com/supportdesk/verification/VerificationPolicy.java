package com.supportdesk.verification;

import com.supportdesk.runtime.FunctionEnvironment;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The limits of PIN verification (SPEC section 6). The defaults are the spec's; each can be changed
 * through an optional environment variable (durations in ISO-8601, for example {@code PT10M}).
 *
 * @param codeLength             digits of a code (6 to 12)
 * @param codeLifetime           how long a code can be confirmed
 * @param maxAttempts            wrong codes that burn a code
 * @param maxFailures            failures per tenant and contact within {@code failureWindow} that suspend it
 * @param failureWindow          how far back failures are counted
 * @param suspension             how long a suspended contact gets no codes
 * @param maxSendsPerHour        codes per tenant and contact in any hour
 * @param maxSendsPerDay         codes per tenant and contact in any 24 hours
 * @param resendCooldown         least time between two codes to the same tenant and contact
 * @param grantLifetime          how long an access grant is valid
 * @param confirmMinimumDuration every confirmation takes at least this long, whatever its outcome
 */
public record VerificationPolicy(
        int codeLength,
        Duration codeLifetime,
        int maxAttempts,
        int maxFailures,
        Duration failureWindow,
        Duration suspension,
        int maxSendsPerHour,
        int maxSendsPerDay,
        Duration resendCooldown,
        Duration grantLifetime,
        Duration confirmMinimumDuration) {

    public static final String CODE_LENGTH = "PIN_CODE_LENGTH";
    public static final String CODE_LIFETIME = "PIN_CODE_LIFETIME";
    public static final String MAX_ATTEMPTS = "PIN_MAX_ATTEMPTS";
    public static final String MAX_FAILURES = "PIN_MAX_FAILURES";
    public static final String FAILURE_WINDOW = "PIN_FAILURE_WINDOW";
    public static final String SUSPENSION = "PIN_SUSPENSION";
    public static final String MAX_SENDS_PER_HOUR = "PIN_MAX_SENDS_PER_HOUR";
    public static final String MAX_SENDS_PER_DAY = "PIN_MAX_SENDS_PER_DAY";
    public static final String RESEND_COOLDOWN = "PIN_RESEND_COOLDOWN";
    public static final String GRANT_LIFETIME = "PIN_GRANT_LIFETIME";
    public static final String CONFIRM_MINIMUM_DURATION = "PIN_CONFIRM_MIN_DURATION";

    public VerificationPolicy {
        require(codeLength >= 6 && codeLength <= 12, CODE_LENGTH + " must be between 6 and 12");
        require(positive(codeLifetime), CODE_LIFETIME + " must be positive");
        require(maxAttempts >= 1, MAX_ATTEMPTS + " must be at least 1");
        require(maxFailures >= 1, MAX_FAILURES + " must be at least 1");
        require(positive(failureWindow), FAILURE_WINDOW + " must be positive");
        require(positive(suspension), SUSPENSION + " must be positive");
        require(maxSendsPerHour >= 1, MAX_SENDS_PER_HOUR + " must be at least 1");
        require(maxSendsPerDay >= maxSendsPerHour, MAX_SENDS_PER_DAY + " must be at least " + MAX_SENDS_PER_HOUR);
        require(!resendCooldown.isNegative(), RESEND_COOLDOWN + " must not be negative");
        require(positive(grantLifetime), GRANT_LIFETIME + " must be positive");
        require(!confirmMinimumDuration.isNegative(), CONFIRM_MINIMUM_DURATION + " must not be negative");
    }

    /** 8 digits, 10 minutes, 3 attempts, 10 failures in 24 h suspend for 24 h, 3 per hour, 5 per day, 60 s apart, 30-minute grants. */
    public static VerificationPolicy defaults() {
        return new VerificationPolicy(
                8,
                Duration.ofMinutes(10),
                3,
                10,
                Duration.ofHours(24),
                Duration.ofHours(24),
                3,
                5,
                Duration.ofSeconds(60),
                Duration.ofMinutes(30),
                Duration.ofMillis(300));
    }

    /** The defaults, with every variable that is set in the function's environment applied. */
    public static VerificationPolicy from(FunctionEnvironment context) {
        VerificationPolicy d = defaults();
        return new VerificationPolicy(
                read(context, CODE_LENGTH, Integer::parseInt, d.codeLength),
                read(context, CODE_LIFETIME, Duration::parse, d.codeLifetime),
                read(context, MAX_ATTEMPTS, Integer::parseInt, d.maxAttempts),
                read(context, MAX_FAILURES, Integer::parseInt, d.maxFailures),
                read(context, FAILURE_WINDOW, Duration::parse, d.failureWindow),
                read(context, SUSPENSION, Duration::parse, d.suspension),
                read(context, MAX_SENDS_PER_HOUR, Integer::parseInt, d.maxSendsPerHour),
                read(context, MAX_SENDS_PER_DAY, Integer::parseInt, d.maxSendsPerDay),
                read(context, RESEND_COOLDOWN, Duration::parse, d.resendCooldown),
                read(context, GRANT_LIFETIME, Duration::parse, d.grantLifetime),
                read(context, CONFIRM_MINIMUM_DURATION, Duration::parse, d.confirmMinimumDuration));
    }

    /** How long the per-contact records must keep send and failure times. */
    Duration historyWindow() {
        Duration day = Duration.ofHours(24);
        return failureWindow.compareTo(day) > 0 ? failureWindow : day;
    }

    private static <T> T read(FunctionEnvironment context, String name, Function<String, T> parse, T fallback) {
        return context.optional(name)
                .map(value -> {
                    try {
                        return parse.apply(value.strip());
                    } catch (NumberFormatException | DateTimeParseException e) {
                        throw new IllegalStateException(name + " has an invalid value");
                    }
                })
                .orElse(fallback);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
