package com.supportdesk.sweep;

import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseChecks;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.holidays.HolidayStore;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.Log;
import com.supportdesk.sla.HolidayYear;
import com.supportdesk.sla.SlaPolicies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SLA policy as the sweep sees it: read again at the start of every run, not once per container as
 * the API functions do ({@link SlaPolicySource}), so that a changed calendar, holiday list or target in the
 * SSM parameter reaches open cases on the sweep's next run. The text is parsed again only when it changed. The
 * holiday years operators stored through the API are read every run too and laid over it (decision 0015).
 * A failed read keeps the policy of the previous run (and says so in the log); with none, the run fails.
 *
 * <p>The {@linkplain Loaded#fingerprint() fingerprint} names the policy text, the stored holiday years (when
 * there are any) and the version of the sweep's rules ({@link CaseChecks#RULES_VERSION}); the sweep recomputes
 * every index key when it changes.
 */
public final class SweepPolicy implements Supplier<SlaPolicies> {

    /** A policy and what names it. */
    public record Loaded(SlaPolicies policies, String fingerprint) {
        public Loaded {
            Objects.requireNonNull(policies, "policies");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    private final Supplier<String> text;
    private final Supplier<List<HolidayYear>> storedYears;
    private volatile Loaded loaded;
    private volatile String loadedText;
    private volatile List<HolidayYear> loadedYears;
    private volatile SlaPolicies loadedBase;
    /** Guards the reload only; a private object, so no caller can hold it. */
    private final Object lock = new Object();

    private SweepPolicy(Supplier<String> text) {
        this(text, List::of);
    }

    private SweepPolicy(Supplier<String> text, Supplier<List<HolidayYear>> storedYears) {
        this.text = text;
        this.storedYears = storedYears;
    }

    /**
     * The SSM parameter named by {@code SLA_POLICY_PARAMETER} when it is set, else the bundled defaults; with
     * the holiday years stored in the table named by {@code CASES_TABLE} laid over it, read every run too.
     */
    public static SweepPolicy from(FunctionEnvironment context) {
        SweepPolicy policy = context.optional(SlaPolicySource.PARAMETER_ENV)
                .map(name -> parameter(context, name))
                .orElseGet(SweepPolicy::defaults);
        return context.optional(SlaPolicySource.HOLIDAYS_TABLE_ENV)
                .map(table -> policy.withStoredYears(SlaPolicySource.storedYears(
                        HolidayStore.lazy(() -> new AwsClients(context).dynamoDb(), table))))
                .orElse(policy);
    }

    /** This policy with the holiday years {@code storedYears} gives, read every run, laid over it. */
    public SweepPolicy withStoredYears(Supplier<List<HolidayYear>> storedYears) {
        return new SweepPolicy(text, storedYears);
    }

    /** The policy bundled with the code. */
    public static SweepPolicy defaults() {
        return new SweepPolicy(SweepPolicy::bundled);
    }

    /** A policy read from {@code text} every run (tests, a local file). */
    public static SweepPolicy of(Supplier<String> text) {
        return new SweepPolicy(text);
    }

    private static SweepPolicy parameter(FunctionEnvironment context, String name) {
        // one client per container, built on the first run (after a SnapStart restore, not into the snapshot)
        Supplier<SsmClient> client = new Supplier<>() {
            private SsmClient built;

            @Override
            public synchronized SsmClient get() {
                if (built == null) {
                    built = new AwsClients(context)
                            .configure(SsmClient.builder(), "SSM")
                            .build();
                }
                return built;
            }
        };
        return new SweepPolicy(
                () -> client.get().getParameter(b -> b.name(name)).parameter().value());
    }

    /**
     * Reads the policy again. When it cannot be read, or is not a valid policy, the last one stays in force
     * (and the log says why); without a last one, the run fails.
     */
    public Loaded refresh() {
        synchronized (lock) {
            return refreshLocked();
        }
    }

    private Loaded refreshLocked() {
        try {
            String current = text.get();
            List<HolidayYear> years = List.copyOf(storedYears.get());
            if (loaded == null || !current.equals(loadedText) || !years.equals(loadedYears)) {
                SlaPolicies base = loaded != null && current.equals(loadedText)
                        ? loadedBase
                        : SlaPolicies.load(new ByteArrayInputStream(current.getBytes(StandardCharsets.UTF_8)));
                // without stored years the fingerprint is the text's alone, as it always was
                String named = years.isEmpty() ? current : current + "\n" + Json.write(years);
                loaded = new Loaded(base.withHolidayYears(years), fingerprint(named));
                loadedBase = base;
                loadedText = current;
                loadedYears = years;
            }
        } catch (RuntimeException e) {
            if (loaded == null) {
                throw e;
            }
            Log.error(
                    "sla_policy_not_refreshed",
                    Map.of(
                            "kept",
                            loaded.fingerprint(),
                            "exception",
                            e.getClass().getName(),
                            "message",
                            String.valueOf(e.getMessage())),
                    e);
        }
        return loaded;
    }

    /** The policy of the last refresh (read now if there was none). */
    public Loaded current() {
        Loaded l = loaded;
        return l != null ? l : refresh();
    }

    @Override
    public SlaPolicies get() {
        return current().policies();
    }

    static String fingerprint(String policyText) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("rules-" + CaseChecks.RULES_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(policyText.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bundled() {
        try (InputStream in = SlaPolicies.class.getResourceAsStream("/sla/default-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("Missing resource /sla/default-policy.json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
