package com.supportdesk.cases;

import com.supportdesk.holidays.HolidayStore;
import com.supportdesk.holidays.StoredHolidayYear;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.Log;
import com.supportdesk.sla.HolidayYear;
import com.supportdesk.sla.SlaPolicies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Where a deployment's SLA policy comes from: the SSM parameter named by {@code SLA_POLICY_PARAMETER}
 * (a JSON document in the format of {@code sla/default-policy.json}) when it is set, else the defaults
 * in the repository; read once per container, on first use: after a SnapStart restore, not into the
 * snapshot, and never on a request path that does not need it. A new parameter reaches a function with its
 * next container; open cases are then evaluated against it, since their clocks are recomputed from history.
 *
 * <p>The holiday years operators store through the API ({@link HolidayStore}, in the table named by
 * {@code CASES_TABLE}) are laid over that policy. They are read on first use and again at most every
 * {@link #HOLIDAY_REFRESH} (one Query of one small partition), on the request that finds them older:
 * a holiday change reaches every function within that time, and no request waits for more than that one read.
 * A failed re-read keeps the years read before (and says so in the log) and tries again after
 * {@link #RETRY_AFTER_FAILURE}; with none read yet, the request fails as the table would fail it.
 */
public final class SlaPolicySource implements Supplier<SlaPolicies> {
    public static final String PARAMETER_ENV = "SLA_POLICY_PARAMETER";
    /** The environment variable naming the table whose {@code HOLIDAYS} partition holds the stored years. */
    public static final String HOLIDAYS_TABLE_ENV = "CASES_TABLE";
    /** The longest a stored holiday change takes to reach a function's answers. */
    public static final Duration HOLIDAY_REFRESH = Duration.ofMinutes(5);

    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    /** The policy with the stored years laid over it, and when to read the years again. */
    private record Layered(SlaPolicies policies, List<HolidayYear> years, Instant readAgainAt) {}

    private final Optional<String> parameter;
    private final Supplier<SsmClient> ssm;
    private final Optional<Supplier<List<HolidayYear>>> storedYears;
    private final Clock clock;
    private volatile SlaPolicies loaded;
    private volatile Layered layered;
    /** Guards the loads only; a private object, so no caller can hold it. */
    private final Object lock = new Object();

    private SlaPolicySource(
            Optional<String> parameter,
            Supplier<SsmClient> ssm,
            Optional<Supplier<List<HolidayYear>>> storedYears,
            Clock clock) {
        this.parameter = parameter;
        this.ssm = ssm;
        this.storedYears = storedYears;
        this.clock = clock;
    }

    public static SlaPolicySource from(FunctionEnvironment context) {
        Optional<Supplier<List<HolidayYear>>> stored = context.optional(HOLIDAYS_TABLE_ENV)
                .map(table -> storedYears(HolidayStore.lazy(() -> new AwsClients(context).dynamoDb(), table)));
        return new SlaPolicySource(
                context.optional(PARAMETER_ENV),
                () -> new AwsClients(context)
                        .configure(SsmClient.builder(), "SSM")
                        .build(),
                stored,
                context.clock());
    }

    /** The stored years of {@code store}, for a source or the sweep. */
    public static Supplier<List<HolidayYear>> storedYears(HolidayStore store) {
        return () -> store.all().stream().map(StoredHolidayYear::year).toList();
    }

    @Override
    public SlaPolicies get() {
        SlaPolicies base = base();
        if (storedYears.isEmpty()) {
            return base;
        }
        Instant now = clock.instant();
        Layered current = layered;
        if (current != null && now.isBefore(current.readAgainAt())) {
            return current.policies();
        }
        synchronized (lock) {
            current = layered;
            if (current != null && now.isBefore(current.readAgainAt())) {
                return current.policies();
            }
            try {
                List<HolidayYear> years = storedYears.get().get();
                SlaPolicies policies = current != null && current.years().equals(years)
                        ? current.policies()
                        : base.withHolidayYears(years);
                layered = new Layered(policies, years, now.plus(HOLIDAY_REFRESH));
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                Log.error(
                        "holiday_years_not_refreshed",
                        Map.of("exception", e.getClass().getName()),
                        e);
                layered = new Layered(current.policies(), current.years(), now.plus(RETRY_AFTER_FAILURE));
            }
            return layered.policies();
        }
    }

    /** Reads the stored holiday years again on the next {@link #get()} (after this function stored one). */
    public void forgetHolidayYears() {
        layered = null;
    }

    /** The policy without the stored holiday years: the parameter's, or the bundled defaults. */
    public SlaPolicies base() {
        SlaPolicies policies = loaded;
        if (policies == null) {
            synchronized (lock) {
                if (loaded == null) {
                    loaded = load();
                }
                policies = loaded;
            }
        }
        return policies;
    }

    private SlaPolicies load() {
        if (parameter.isEmpty()) {
            return SlaPolicies.defaults();
        }
        try (SsmClient client = ssm.get()) {
            String json = client.getParameter(b -> b.name(parameter.get()))
                    .parameter()
                    .value();
            return SlaPolicies.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
