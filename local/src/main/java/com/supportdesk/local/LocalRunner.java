package com.supportdesk.local;

import com.supportdesk.identity.Role;
import com.supportdesk.local.auth.LocalTokens;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.gateway.LocalGateway;
import com.supportdesk.local.gateway.LocalHttpServer;
import com.supportdesk.local.gateway.Router;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.sns.LocalSns;
import com.supportdesk.local.sqs.LocalQueues;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.webhooks.WebhookAddresses;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole suite on a developer's machine, without Docker or an AWS account: the emulators with the
 * tables of template.yaml, every function of template.yaml instantiated from the class path with its
 * locally resolved environment and the simulated clock, and the HTTP API with exactly the template's
 * routes on {@code http://127.0.0.1:3000}.
 *
 * <p>Adding a function to the template makes it appear here with no change to this code: its handler
 * class only has to be on the class path (a dependency of local/pom.xml) and follow the handler
 * conventions (a public constructor taking a {@code FunctionEnvironment}).
 *
 * <p>Tests use {@link #start(Options)} and the returned runner's {@link #port()}, token helpers and
 * {@link #close()}; the {@code ./run-local} script calls {@link #main(String[])}.
 */
public final class LocalRunner implements AutoCloseable {
    public static final String ISSUER = LocalTokens.LOCAL_ISSUER;
    public static final String AUDIENCE = LocalTokens.LOCAL_AUDIENCE;
    public static final String SECRET_ENV = "SUPPORT_DESK_LOCAL_JWT_SECRET";
    /** How long the tokens the runner prints stay valid. */
    public static final Duration DEMO_TOKEN_VALIDITY = Duration.ofHours(12);
    /** How often {@link #awaitIdle} looks. */
    private static final Duration IDLE_POLL = Duration.ofMillis(25);

    /**
     * How to start.
     *
     * @param port              HTTP port on 127.0.0.1; 0 picks a free one
     * @param clockStart        where the simulated clock starts (default: now)
     * @param jwtSecret         the local signing secret (default: random per run)
     * @param seedDemoData      seed the demo organisations and incident
     * @param accessLog         print one line per request
     * @param template          run this template instead of the project's {@code template.yaml} (tests)
     * @param visibilityTimeout the SQS pollers receive with this visibility timeout instead of each queue's
     *                          own, so that failed records come back sooner (tests; whole seconds)
     * @param environmentOverrides per function (logical id), variables laid over the environment the runner
     *                          gives it, for example to point one function's SES endpoint at a failing stand-in
     *                          (tests)
     */
    public record Options(
            int port,
            Optional<Instant> clockStart,
            Optional<String> jwtSecret,
            boolean seedDemoData,
            boolean accessLog,
            Optional<Path> template,
            Optional<Duration> visibilityTimeout,
            Map<String, Map<String, String>> environmentOverrides,
            int concurrency) {
        public static final int DEFAULT_PORT = 3000;
        /** Instances per function unless {@code --concurrency} or {@link #CONCURRENCY_PROPERTY} says otherwise. */
        public static final int DEFAULT_CONCURRENCY = 8;
        /** The system property that sets the default number of instances per function. */
        public static final String CONCURRENCY_PROPERTY = "supportdesk.local.concurrency";
        /** An upper bound that keeps a typo from starting thousands of SDK clients. */
        public static final int MAX_CONCURRENCY = 256;

        public Options {
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
            environmentOverrides.forEach((function, variables) -> overrides.put(function, Map.copyOf(variables)));
            environmentOverrides = Collections.unmodifiableMap(overrides);
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("The concurrency (instances per function) is from 1 to "
                        + MAX_CONCURRENCY + ", not " + concurrency);
            }
            visibilityTimeout.ifPresent(timeout -> {
                if (timeout.isNegative() || timeout.toSeconds() > 43_200 || timeout.toMillis() % 1000 != 0) {
                    throw new IllegalArgumentException(
                            "A visibility timeout is whole seconds from 0 to 43200, not " + timeout);
                }
            });
        }

        public static Options defaults() {
            return new Options(
                    DEFAULT_PORT,
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    defaultConcurrency());
        }

        /** A free port, no access log: what tests want. */
        public static Options forTests() {
            return new Options(
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    defaultConcurrency());
        }

        public Options withPort(int newPort) {
            return new Options(
                    newPort,
                    clockStart,
                    jwtSecret,
                    seedDemoData,
                    accessLog,
                    template,
                    visibilityTimeout,
                    environmentOverrides,
                    concurrency);
        }

        public Options withClock(Instant start) {
            return new Options(
                    port,
                    Optional.of(start),
                    jwtSecret,
                    seedDemoData,
                    accessLog,
                    template,
                    visibilityTimeout,
                    environmentOverrides,
                    concurrency);
        }

        public Options withJwtSecret(String secret) {
            return new Options(
                    port,
                    clockStart,
                    Optional.of(secret),
                    seedDemoData,
                    accessLog,
                    template,
                    visibilityTimeout,
                    environmentOverrides,
                    concurrency);
        }

        public Options withSeed(boolean seed) {
            return new Options(
                    port,
                    clockStart,
                    jwtSecret,
                    seed,
                    accessLog,
                    template,
                    visibilityTimeout,
                    environmentOverrides,
                    concurrency);
        }

        public Options withAccessLog(boolean log) {
            return new Options(
                    port,
                    clockStart,
                    jwtSecret,
                    seedDemoData,
                    log,
                    template,
                    visibilityTimeout,
                    environmentOverrides,
                    concurrency);
        }

        public Options withTemplate(Path file) {
            return new Options(
                    port,
                    clockStart,
                    jwtSecret,
                    seedDemoData,
                    accessLog,
                    Optional.of(file),
                    visibilityTimeout,
                    environmentOverrides,
                    concurrency);
        }

        /**
         * Sets {@code name} to {@code value} in the environment of the function {@code functionLogicalId},
         * over what the template and the runner give it (tests: one function's SES endpoint pointed at a
         * stand-in that fails, say). A function the template lacks stops the start, naming it.
         */
        public Options withEnvironmentOverride(String functionLogicalId, String name, String value) {
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>(environmentOverrides);
            Map<String, String> variables = new LinkedHashMap<>(overrides.getOrDefault(functionLogicalId, Map.of()));
            variables.put(name, value);
            overrides.put(functionLogicalId, variables);
            return new Options(
                    port,
                    clockStart,
                    jwtSecret,
                    seedDemoData,
                    accessLog,
                    template,
                    visibilityTimeout,
                    overrides,
                    concurrency);
        }

        /** At most {@code instances} instances of each function, so at most that many invocations of it at once. */
        public Options withConcurrency(int instances) {
            return new Options(
                    port,
                    clockStart,
                    jwtSecret,
                    seedDemoData,
                    accessLog,
                    template,
                    visibilityTimeout,
                    environmentOverrides,
                    instances);
        }

        /** {@link #CONCURRENCY_PROPERTY} if set, else {@link #DEFAULT_CONCURRENCY}. */
        static int defaultConcurrency() {
            String value = System.getProperty(CONCURRENCY_PROPERTY);
            if (value == null || value.isBlank()) {
                return DEFAULT_CONCURRENCY;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        CONCURRENCY_PROPERTY + " needs a number from 1 to " + MAX_CONCURRENCY + ", not " + value);
            }
        }

        public Options withVisibilityTimeout(Duration timeout) {
            return new Options(
                    port,
                    clockStart,
                    jwtSecret,
                    seedDemoData,
                    accessLog,
                    template,
                    Optional.of(timeout),
                    environmentOverrides,
                    concurrency);
        }

        /** {@code --port N}, {@code --clock <ISO instant>}, {@code --jwt-secret S}, {@code --concurrency N}, {@code --no-seed}, {@code --quiet}. */
        public static Options parse(String[] args, Map<String, String> env) {
            Options options = defaults();
            String envSecret = env.get(SECRET_ENV);
            if (envSecret != null && !envSecret.isBlank()) {
                options = options.withJwtSecret(envSecret);
            }
            List<String> list = new ArrayList<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    list.add(arg.substring(0, eq));
                    list.add(arg.substring(eq + 1));
                } else {
                    list.add(arg);
                }
            }
            for (int i = 0; i < list.size(); i++) {
                String arg = list.get(i);
                switch (arg) {
                    case "--port" -> {
                        String value = value(list, ++i, arg);
                        try {
                            int port = Integer.parseInt(value);
                            if (port < 0 || port > 65535) {
                                throw new NumberFormatException();
                            }
                            options = options.withPort(port);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + value);
                        }
                    }
                    case "--clock" -> options = options.withClock(parseInstant(value(list, ++i, arg)));
                    case "--concurrency" -> {
                        String value = value(list, ++i, arg);
                        int instances;
                        try {
                            instances = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            instances = 0;
                        }
                        if (instances < 1 || instances > MAX_CONCURRENCY) {
                            throw new IllegalArgumentException(
                                    "--concurrency needs a number from 1 to " + MAX_CONCURRENCY + ", not " + value);
                        }
                        options = options.withConcurrency(instances);
                    }
                    case "--jwt-secret" -> options = options.withJwtSecret(value(list, ++i, arg));
                    case "--no-seed" -> options = options.withSeed(false);
                    case "--quiet" -> options = options.withAccessLog(false);
                    default -> throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
                }
            }
            return options;
        }

        private static String value(List<String> args, int index, String name) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args.get(index);
        }

        static Instant parseInstant(String text) {
            Instant instant;
            try {
                instant = Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    instant = OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException(
                            "--clock needs an ISO-8601 instant such as 2026-03-02T09:00:00Z, not " + text);
                }
            }
            try {
                return SimulatedClock.requireServable(instant);
            } catch (SimulatedClock.OutOfRangeException e) {
                throw new IllegalArgumentException("--clock: " + e.getMessage(), e);
            }
        }
    }

    static final String USAGE = """
            Usage: ./run-local [--port 3000] [--clock 2026-03-02T09:00:00Z] [--concurrency 8] [--jwt-secret <32+ chars>] [--no-seed] [--quiet]
              --port        HTTP port on 127.0.0.1 (default 3000; 0 = any free port)
              --clock       start the simulated clock at this instant (default: now); it then runs with real time
              --concurrency instances per function: how many requests to one function run at once (default %d, or
                            the system property %s); a request beyond that waits for a free instance
              --jwt-secret  sign local tokens with this secret instead of a random one (or set %s)
              --no-seed     do not create the demo organisations and incident
              --quiet       no access log line per request
            """.formatted(Options.DEFAULT_CONCURRENCY, Options.CONCURRENCY_PROPERTY, SECRET_ENV);

    private final Emulators emulators;
    private final LocalSns sns;
    private final SqsClient sqs;
    private final EventSources eventSources;
    private final LocalQueues queues;
    private final LocalHttpServer server;
    private final LocalGateway gateway;
    private final LocalTokens tokens;
    private final SimulatedClock clock;
    private final LocalOutbox outbox;
    private final Map<String, LocalFunction> functions;
    private final Map<String, String> unavailable;
    private final List<DemoData.Step> skippedSeed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LocalRunner(
            Emulators emulators,
            LocalSns sns,
            SqsClient sqs,
            EventSources eventSources,
            LocalQueues queues,
            LocalHttpServer server,
            LocalGateway gateway,
            LocalTokens tokens,
            SimulatedClock clock,
            LocalOutbox outbox,
            Map<String, LocalFunction> functions,
            Map<String, String> unavailable,
            List<DemoData.Step> skippedSeed) {
        this.emulators = emulators;
        this.sns = sns;
        this.sqs = sqs;
        this.eventSources = eventSources;
        this.queues = queues;
        this.server = server;
        this.gateway = gateway;
        this.tokens = tokens;
        this.clock = clock;
        this.outbox = outbox;
        this.functions = functions;
        this.unavailable = unavailable;
        this.skippedSeed = skippedSeed;
    }

    /**
     * Starts emulators, functions, event sources and the HTTP server, and seeds the demo data; everything
     * started is stopped again when any step fails.
     *
     * @throws IllegalArgumentException when the template asks for something the runner cannot run faithfully
     *                                  (for example a {@code cron(...)} schedule), naming it
     */
    public static LocalRunner start(Options options) throws IOException {
        SamTemplate template = options.template().map(SamTemplate::load).orElseGet(SamTemplate::ofProject);
        options.environmentOverrides().keySet().stream()
                .filter(logicalId -> template.function(logicalId).isEmpty())
                .findFirst()
                .ifPresent(logicalId -> {
                    throw new IllegalArgumentException(
                            "An environment override names " + logicalId + ", which is not a function of the template");
                });
        SimulatedClock clock = SimulatedClock.startingAt(options.clockStart().orElseGet(Instant::now));
        byte[] secret =
                options.jwtSecret().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(LocalTokens::randomSecret);
        // Token times follow real time, not the simulated clock (see LocalTokens).
        LocalTokens tokens = new LocalTokens(secret, ISSUER, AUDIENCE, Clock.systemUTC());
        LocalOutbox outbox = new LocalOutbox(clock);

        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalHttpServer server = LocalHttpServer.bind(options.port());
            started.add(server);
            Emulators emulators = Emulators.start(template);
            started.add(emulators);
            LocalSns sns = LocalSns.start(outbox, clock);
            started.add(sns);
            SqsClient sqs = emulators.sqsClient();
            started.add(sqs);
            LocalAws aws =
                    new LocalAws(emulators, Map.of("JwtIssuer", ISSUER, "JwtAudience", AUDIENCE), localSettings(sns));
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            Map<String, String> unavailable = new LinkedHashMap<>();
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(LocalRunner.class.getClassLoader());
            for (FunctionDefinition function : template.functions()) {
                try {
                    functions.put(
                            function.logicalId(),
                            LocalFunction.load(
                                    function,
                                    environment(aws, function, options, clock),
                                    loader,
                                    Duration.ofSeconds(intSetting(template, function, "Timeout", 3)),
                                    intSetting(template, function, "MemorySize", 128),
                                    "arn:aws:lambda:" + Emulators.REGION + ":" + LocalAws.ACCOUNT + ":function:"
                                            + function.logicalId(),
                                    options.concurrency()));
                } catch (LocalFunction.FunctionLoadException e) {
                    unavailable.put(function.logicalId(), e.getMessage());
                }
            }
            EventSources eventSources =
                    EventSources.start(template, aws, sns, sqs, functions, clock, options.visibilityTimeout());
            started.add(eventSources); // closed first: before the services it uses
            LocalQueues queues =
                    new LocalQueues(sqs, emulators.queues(), template, eventSources.pollersByQueue(emulators.queues()));
            LocalGateway gateway = new LocalGateway(
                    new Router(template.httpRoutes()),
                    functions,
                    unavailable,
                    tokens,
                    clock,
                    outbox,
                    queues::states,
                    server::port);
            server.serve(gateway, options.accessLog());
            List<DemoData.Step> skipped = List.of();
            if (options.seedDemoData()) {
                skipped = DemoData.seed(gateway, as -> seedToken(tokens, as), functions.keySet());
            }
            return new LocalRunner(
                    emulators,
                    sns,
                    sqs,
                    eventSources,
                    queues,
                    server,
                    gateway,
                    tokens,
                    clock,
                    outbox,
                    Map.copyOf(functions),
                    Map.copyOf(unavailable),
                    skipped);
        } catch (IOException | RuntimeException | Error e) {
            closeAll(started, e);
            throw e;
        }
    }

    /** Stops what was started, last first; a failure to stop is added to {@code cause}, not thrown instead. */
    private static void closeAll(List<AutoCloseable> started, Throwable cause) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception | Error e) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * What every local function gets on top of its template environment: the local SNS endpoint, and
     * per-run keys standing in for the deployed secrets (the HMAC key of verification codes, the key that
     * seals page tokens). The secrets' ARNs are blanked (a blank variable counts as unset): a function
     * refuses to start with both.
     */
    private static Map<String, String> localSettings(LocalSns sns) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] pageTokenKey = new byte[32];
        random.nextBytes(pageTokenKey);
        byte[] webhookKey = new byte[32];
        random.nextBytes(webhookKey);
        return Map.of(
                "AWS_ENDPOINT_URL_SNS",
                sns.endpoint().toString(),
                "PIN_HMAC_SECRET_ARN",
                "",
                "PIN_HMAC_KEY",
                java.util.HexFormat.of().formatHex(key),
                "PAGE_TOKEN_SECRET_ARN",
                "",
                "PAGE_TOKEN_KEY",
                java.util.HexFormat.of().formatHex(pageTokenKey),
                "WEBHOOK_SECRET_KEY_SECRET_ARN",
                "",
                "WEBHOOK_SECRET_KEY",
                java.util.HexFormat.of().formatHex(webhookKey),
                // local runs only: webhooks may go to the runner's own receiver over loopback http (decision 0017)
                WebhookAddresses.ALLOW_LOOPBACK_VARIABLE,
                "true");
    }

    /** What the function gets in AWS, resolved locally, with the options' overrides for it laid over. */
    private static FunctionEnvironment environment(
            LocalAws aws, FunctionDefinition function, Options options, Clock clock) {
        Map<String, String> overrides = options.environmentOverrides().getOrDefault(function.logicalId(), Map.of());
        if (overrides.isEmpty()) {
            return aws.contextOf(function, clock);
        }
        Map<String, String> environment = new LinkedHashMap<>(aws.environmentOf(function));
        environment.putAll(overrides);
        return FunctionEnvironment.of(environment, clock);
    }

    /** A function's own setting, else the template's Globals, else the SAM default. */
    private static int intSetting(SamTemplate template, FunctionDefinition function, String name, int fallback) {
        Object value = function.properties().get(name);
        if (value == null) {
            value = template.globalsFunction().get(name);
        }
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String seedToken(LocalTokens tokens, String as) {
        Duration validity = Duration.ofMinutes(5);
        if (as.equals("operator")) {
            return tokens.issue("local-seed", null, List.of("operator"), validity);
        }
        if (as.equals("agent")) {
            return tokens.issue("local-seed", null, List.of("agent"), validity);
        }
        if (as.startsWith("admin:")) {
            return tokens.issue("local-seed", as.substring(6), List.of("admin"), validity);
        }
        throw new IllegalArgumentException("Unknown seed identity " + as);
    }

    // ------------------------------------------------------------------ for tests and the banner

    public int port() {
        return server.port();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public SimulatedClock clock() {
        return clock;
    }

    public LocalOutbox outbox() {
        return outbox;
    }

    public Emulators emulators() {
        return emulators;
    }

    /** The template's queues now: depths, dead-letter queues and what waits in them (also at {@code GET /_local/queues}). */
    public LocalQueues queues() {
        return queues;
    }

    /** The local SNS endpoint (the functions' {@code AWS_ENDPOINT_URL_SNS}). */
    public URI snsEndpoint() {
        return sns.endpoint();
    }

    /**
     * Waits until nothing started by the template's event sources is going on: no schedule due or running,
     * no SNS message still to be handed to a function, and every polled queue drained (no record waiting,
     * delayed, in a function's hands, or failed and waiting for its visibility timeout). Checked twice in a
     * row, so that work one source hands to another is not missed between two looks.
     *
     * <p>A failing record keeps its queue busy until it is deleted or moved to the dead-letter queue, so a
     * test that expects dead letters passes a timeout longer than {@code maxReceiveCount} visibility
     * timeouts (see {@link Options#withVisibilityTimeout}).
     *
     * @throws TimeoutException naming what is still going on when {@code timeout} has passed
     */
    public void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietLooks = 0;
        while (true) {
            List<String> busy = busyWith();
            quietLooks = busy.isEmpty() ? quietLooks + 1 : 0;
            if (quietLooks == 2) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("Still busy after " + timeout + ": " + String.join("; ", busy));
            }
            Thread.sleep(IDLE_POLL.toMillis());
        }
    }

    /** What the template's event sources are doing right now, one line each; empty when idle. */
    public List<String> busyWith() {
        return eventSources.busyWith();
    }

    public LocalGateway gateway() {
        return gateway;
    }

    public LocalTokens tokens() {
        return tokens;
    }

    /** Loaded functions by logical id. */
    public Map<String, LocalFunction> functions() {
        return functions;
    }

    /** Functions of the template that could not be loaded, with the reason. */
    public Map<String, String> unavailableFunctions() {
        return unavailable;
    }

    /** Seed steps skipped because their function is not available locally. */
    public List<DemoData.Step> skippedSeedSteps() {
        return skippedSeed;
    }

    /** A token valid for {@link #DEMO_TOKEN_VALIDITY} with exactly these claims; {@code tenantId} may be null. */
    public String tokenFor(String subject, String tenantId, Collection<String> groups) {
        return tokens.issue(subject, tenantId, groups, DEMO_TOKEN_VALIDITY);
    }

    public String tokenFor(String subject, String tenantId, Role... roles) {
        return tokenFor(
                subject,
                tenantId,
                Arrays.stream(roles).map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    }

    public String adminToken(String tenantId) {
        return tokenFor(tenantId + "-admin", tenantId, Role.ADMIN);
    }

    public String userToken(String tenantId) {
        return tokenFor(tenantId + "-user", tenantId, Role.USER);
    }

    public String agentToken() {
        return tokenFor("agent-1", null, Role.AGENT);
    }

    public String operatorToken() {
        return tokenFor("operator-1", null, Role.OPERATOR);
    }

    /**
     * Stops the HTTP server, the schedules and pollers (a run or batch in progress finishes first), SNS and
     * the emulators. Safe to call more than once and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            try {
                eventSources.close();
            } finally {
                sqs.close();
                sns.close();
                emulators.close();
                stopped.countDown();
            }
        }
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    // ------------------------------------------------------------------ command line

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Starting Support Desk locally: emulators, tables, functions...");
        LocalRunner runner;
        try {
            runner = start(options);
        } catch (java.net.BindException e) {
            System.err.println("Port " + options.port() + " is in use; stop what uses it or pass --port <another>.");
            System.exit(1);
            return;
        } catch (Exception | Error e) {
            System.err.println("The local runner could not start: " + e.getMessage());
            if (e.getCause() != null) {
                System.err.println("  caused by: " + e.getCause());
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println();
                            System.out.println("Stopping: HTTP server, pollers, schedules and emulators...");
                            runner.close();
                            System.out.println("Stopped.");
                        },
                        "local-runner-stop"));
        runner.printBanner(System.out);
        try {
            runner.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.close();
        }
    }

    void printBanner(PrintStream out) {
        String base = "http://localhost:" + port();
        String contosoAdmin = adminToken(DemoData.CONTOSO);
        String fabrikamAdmin = adminToken(DemoData.FABRIKAM);
        String contosoUser = userToken(DemoData.CONTOSO);
        String agent = agentToken();
        String operator = operatorToken();
        out.println();
        out.println("Support Desk is running locally at " + base);
        out.println("  simulated clock: " + clock.instant() + "   (GET/POST " + base + "/_local/clock)");
        out.println("  routes from template.yaml:");
        gateway.router()
                .routes()
                .forEach(r -> out.println("    " + r.routeKey() + "  -> "
                        + r.function().logicalId()
                        + (functions.containsKey(r.function().logicalId()) ? "" : "  (NOT AVAILABLE: answers 500)")));
        if (!queues.logicalIds().isEmpty()) {
            out.println("  queues from template.yaml (SQS on ElasticMQ at " + emulators.sqsEndpoint() + "):");
            for (String queue : queues.logicalIds()) {
                LocalQueues.QueueState state = queues.state(queue);
                StringBuilder line = new StringBuilder("    ");
                if (!state.subscribedTo().isEmpty()) {
                    line.append(String.join(", ", state.subscribedTo())).append(" -> ");
                }
                line.append(queue);
                if (!state.polledBy().isEmpty()) {
                    line.append(" -> ").append(String.join(", ", state.polledBy()));
                } else if (state.deadLetterFor().isEmpty()) {
                    line.append("  (no function polls it: messages wait there)");
                }
                if (state.deadLetterQueue() != null) {
                    line.append("  (dead letters to ")
                            .append(state.deadLetterQueue())
                            .append(" after ")
                            .append(state.maxReceiveCount())
                            .append(" receives)");
                }
                out.println(line);
            }
        }
        if (!eventSources.schedules().isEmpty()) {
            out.println("  schedules on the simulated clock:");
            eventSources
                    .schedules()
                    .forEach(
                            schedule -> out.println("    " + schedule.settings().expression() + "  -> "
                                    + schedule.functionName() + "  (next at " + schedule.nextTick() + ")"));
        }
        unavailable.forEach((name, reason) -> out.println("  WARNING " + reason));
        skippedSeed.forEach(step -> out.println("  WARNING demo data not seeded: " + step.what()));
        out.println();
        out.println("Tokens (HS256, signed with this run's local secret, valid " + DEMO_TOKEN_VALIDITY.toHours()
                + " h; no deployed stack accepts them). Paste into your shell:");
        out.println("  export CONTOSO_ADMIN=" + contosoAdmin);
        out.println("  export FABRIKAM_ADMIN=" + fabrikamAdmin);
        out.println("  export CONTOSO_USER=" + contosoUser);
        out.println("  export AGENT=" + agent);
        out.println("  export OPERATOR=" + operator);
        out.println();
        out.println("Try:");
        out.println("  curl -s " + base + "/orgs/contoso -H \"Authorization: Bearer $CONTOSO_ADMIN\"");
        out.println("  curl -s " + base + "/service-health -H \"Authorization: Bearer $FABRIKAM_ADMIN\"");
        out.println("  curl -s -X PUT " + base + "/orgs/contoso -H \"Authorization: Bearer $CONTOSO_ADMIN\""
                + " -H 'content-type: application/json' -d '{}'    # 403: only operators write profiles");
        out.println("  curl -s -X POST " + base + "/_local/clock -H \"Authorization: Bearer $OPERATOR\""
                + " -H 'content-type: application/json' -d '{\"advance\":\"PT2H\"}'");
        out.println();
        out.println("Mail sent through SES:  " + emulators.sesMailPage());
        out.println("SMS and topic outbox:   " + base + "/_local/outbox");
        out.println("Queues and dead letters: " + base + "/_local/queues");
        out.println("Webhook receiver:       " + base + LocalWebhookReceiver.PATH
                + "   (POST {\"format\":\"GENERIC\"} for a URL and secret to register)");
        out.println();
        out.println("Stop with Ctrl-C (stops the HTTP server, the pollers and schedules, and the emulators).");
    }
}
