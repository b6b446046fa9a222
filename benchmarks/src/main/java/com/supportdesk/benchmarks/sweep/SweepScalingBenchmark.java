package com.supportdesk.benchmarks.sweep;

import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseContact;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.OpenedVia;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.ids.Ids;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.LocalOutbox;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.sns.LocalSns;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sweep.SlaSweep;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepReport;
import com.supportdesk.sweep.SweepSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Benchmark 3, sweep scaling: for 1,000, 10,000 and 100,000 open cases of which 1 % have a clock that is
 * due, what one run of the real {@link SlaSweep} reads per due clock and how long it takes per due clock.
 *
 * <p>Each size gets fresh emulators (dynalite) with the template's tables. A dozen cases, due and not due,
 * of the kinds the desk holds (severity A on 24x7, B and C on the technical and the business-hours
 * calendars, one with its follow-up clock running) are written through the real {@link CaseRepository}, so
 * their items, the {@code byNextCheck} keys included, are exactly what the desk writes; the rest are copies
 * of those items under new case ids (every attribute that holds the id rewritten, as the sweep's own
 * read test does), written with parallel {@code BatchWriteItem}s. The sweep's state says a run has already
 * passed (a watermark six hours back, every key computed under the current policy), so the measured run
 * is a steady-state run, not the very first one that recomputes every key. Then one run, with a client
 * that counts what the table answered ({@link SweepReads}), and a second run at the same instant from the
 * same watermark, which reads no due clock again and shows what a run costs besides its due clocks.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' com.supportdesk.benchmarks.sweep.SweepScalingBenchmark
 * # optional arguments: sizes (1000,10000,100000), loading threads (4), rounds per size (3)
 * }</pre>
 */
public final class SweepScalingBenchmark {
    /** Monday 2026-03-02, 20:30 in Beijing: inside the technical calendar's hours, after the business day. */
    static final Instant NOW = bj("2026-03-02T20:30");

    static final String TENANT = "bench-sweep";
    static final int BATCH = 25;

    private SweepScalingBenchmark() {}

    /** What one size measured. */
    record Result(
            int open,
            int due,
            double loadSeconds,
            SweepReport report,
            double sweepMillis,
            long indexItems,
            long caseItems,
            long stateItems,
            double readUnits,
            boolean unitsReported,
            long calls,
            long nextRunIndexItems,
            double nextRunMillis) {
        long itemsRead() {
            return indexItems + caseItems + stateItems;
        }

        double itemsPerDue() {
            return (double) itemsRead() / due;
        }

        double millisPerDue() {
            return sweepMillis / due;
        }

        /** The run's time less what a run with nothing due costs (state, bucket queries), per due clock. */
        double marginalMillisPerDue() {
            return (sweepMillis - nextRunMillis) / due;
        }
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0
                ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int roundsOf = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SamTemplate template = SamTemplate.ofProject();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        System.out.printf(
                Locale.ROOT,
                "JVM %s, %d CPUs; load average %s%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        try (LocalSns sns = LocalSns.start(new LocalOutbox(clock), clock)) {
            System.out.println("warm-up (not reported): 10,000 open cases ...");
            measure(template, sns, 10_000, threads);
            List<List<Result>> results = new ArrayList<>();
            for (int size : sizes) {
                List<Result> rounds = new ArrayList<>();
                for (int round = 1; round <= roundsOf; round++) {
                    System.out.printf(Locale.ROOT, "%,d open cases, round %d of %d ...%n", size, round, roundsOf);
                    Result r = measure(template, sns, size, threads);
                    rounds.add(r);
                    System.out.printf(
                            Locale.ROOT,
                            "  loaded in %.1f s; sweep %.0f ms, %d due clocks, %d items read; load average %s%n",
                            r.loadSeconds(),
                            r.sweepMillis(),
                            r.due(),
                            r.itemsRead(),
                            loadAverage());
                }
                results.add(rounds);
            }
            print(results);
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    }

    static Result measure(SamTemplate template, LocalSns sns, int open, int threads) throws Exception {
        try (Emulators emulators = Emulators.start(template)) {
            String table = emulators.tableNames().get("CasesTable");
            DynamoDbClient plain = emulators.dynamoDbClient();
            int due = open / 100;

            // the originals: through the repository, every attribute as the desk writes it
            CaseRepository repository = new CaseRepository(plain, table, new CaseSla(SlaPolicies.defaults()));
            List<Map<String, AttributeValue>> dueItems = new ArrayList<>();
            List<Map<String, AttributeValue>> laterItems = new ArrayList<>();
            for (SupportCase c : originals()) {
                if (!repository.create(c, Map.of())) {
                    throw new IllegalStateException("case " + c.caseId() + " exists");
                }
                Map<String, AttributeValue> item = plain.getItem(b -> b.tableName(table)
                                .key(Map.of(
                                        "pk", AttributeValue.fromS("CASE#" + c.caseId()),
                                        "sk", AttributeValue.fromS("CASE"))))
                        .item();
                String key = item.get("checkKey").s();
                Instant check = Instant.parse(key.substring(0, key.indexOf('#')));
                (check.isAfter(NOW) ? laterItems : dueItems).add(item);
            }
            if (dueItems.size() > due
                    || laterItems.stream()
                            .noneMatch(i -> i.get("checkBucket").s().equals(CaseSweepStore.bucketOf(NOW)))) {
                throw new IllegalStateException("the originals do not cover what the benchmark needs");
            }

            // the copies: parallel batches, generated as they are written
            int dueCopies = due - dueItems.size();
            int laterCopies = open - due - laterItems.size();
            long loadStarted = System.nanoTime();
            load(plain, table, dueItems, dueCopies, laterItems, laterCopies, threads);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

            // a steady state: an earlier run left its watermark and computed every key under this policy
            SweepPolicy policy = SweepPolicy.defaults();
            CaseSweepStore setup = new CaseSweepStore(plain, table);
            setup.rekeyDone(policy.refresh().fingerprint());
            setup.advanceWatermark(CaseSweepStore.bucketOf(NOW.minus(Duration.ofHours(6))));

            SweepReads reads = new SweepReads();
            DynamoDbClient counted = countedClient(emulators, reads);
            SlaSweep sweep = new SlaSweep(
                    new CaseRepository(counted, table, new CaseSla(policy)),
                    new CaseSweepStore(counted, table),
                    policy,
                    publisher(sns),
                    SweepSettings.defaults(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            long started = System.nanoTime();
            SweepReport report = sweep.run(() -> Duration.ofHours(1));
            double millis = (System.nanoTime() - started) / 1e6;
            if (report.dueKeys() != due
                    || report.errors() != 0
                    || report.leftForNextRun()
                    || report.rekeyItemsRead() != 0
                    || report.publishFailures() != 0) {
                throw new IllegalStateException("the run did not do what the benchmark measures: " + report.summary());
            }
            Result result = new Result(
                    open,
                    due,
                    loadSeconds,
                    report,
                    millis,
                    reads.queryItems("byNextCheck"),
                    reads.caseItems.sum(),
                    reads.stateItems.sum(),
                    reads.readUnits.sum(),
                    reads.unitsReported.sum() > 0,
                    reads.allCalls(),
                    0,
                    0);
            if (reads.queryItems.keySet().stream().anyMatch(i -> !i.equals("byNextCheck"))
                    || reads.calls("Scan") != 0) {
                throw new IllegalStateException("the run read more than the due index: " + reads.queryItems);
            }

            // the next run at the same instant, from the same watermark (set back by hand), finds nothing due
            // again: what a run costs besides its due clocks
            plain.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("SWEEP#sla"), "sk", AttributeValue.fromS("STATE")))
                    .updateExpression("SET watermark = :w")
                    .expressionAttributeValues(Map.of(
                            ":w", AttributeValue.fromS(CaseSweepStore.bucketOf(NOW.minus(Duration.ofHours(6)))))));
            SweepReads again = new SweepReads();
            long nextStarted = System.nanoTime();
            SweepReport next = new SlaSweep(
                            new CaseRepository(countedClient(emulators, again), table, new CaseSla(policy)),
                            new CaseSweepStore(countedClient(emulators, again), table),
                            policy,
                            publisher(sns),
                            SweepSettings.defaults(),
                            Clock.fixed(NOW, ZoneOffset.UTC))
                    .run(() -> Duration.ofHours(1));
            double nextMillis = (System.nanoTime() - nextStarted) / 1e6;
            if (next.dueKeys() != 0) {
                throw new IllegalStateException("a second run found due clocks again: " + next.summary());
            }
            return new Result(
                    result.open(),
                    result.due(),
                    result.loadSeconds(),
                    result.report(),
                    result.sweepMillis(),
                    result.indexItems(),
                    result.caseItems(),
                    result.stateItems(),
                    result.readUnits(),
                    result.unitsReported(),
                    result.calls(),
                    again.queryItems("byNextCheck") + again.caseItems.sum(),
                    nextMillis);
        }
    }

    // ------------------------------------------------------------------ the cases

    /**
     * Cases of the kinds the desk holds, due and not due at {@link #NOW}; which is which is read back from
     * the key the repository stored. Among the later ones, one falls due later in NOW's own hour bucket,
     * so the due query of that bucket must stop at NOW.
     */
    static List<SupportCase> originals() {
        List<SupportCase> cases = new ArrayList<>();
        // severity A, 1 hour on 24x7: warning 45 minutes after submission
        for (int minutes : new int[] {50, 58, 80, 200, 40, 10}) { // due, due, due (breach), due, later, later
            cases.add(submitted(Category.TECHNICAL, Severity.A, NOW.minus(Duration.ofMinutes(minutes))));
        }
        // B and C technical (09:00-24:00 Beijing, every day), B and C billing (Mon-Fri 09:00-18:00)
        cases.add(submitted(Category.TECHNICAL, Severity.B, bj("2026-03-02T09:00"))); // warning 20:15: due
        cases.add(submitted(Category.BILLING, Severity.B, bj("2026-03-02T10:00"))); // warning 16:45: due
        cases.add(submitted(Category.TECHNICAL, Severity.B, bj("2026-03-02T20:00"))); // later
        cases.add(submitted(Category.TECHNICAL, Severity.C, bj("2026-03-02T12:00"))); // later
        cases.add(submitted(Category.BILLING, Severity.B, bj("2026-03-02T17:00"))); // later
        cases.add(submitted(Category.BILLING, Severity.C, bj("2026-03-02T15:00"))); // later
        // severity A answered: the follow-up clock runs (every 4 hours)
        cases.add(responded(NOW.minus(Duration.ofMinutes(30)), NOW.minus(Duration.ofMinutes(20)))); // later
        return cases;
    }

    private static SupportCase submitted(Category category, Severity severity, Instant at) {
        return supportCase(category, severity, CaseStatus.OPEN, List.of(submission(severity, at)), at);
    }

    private static SupportCase responded(Instant at, Instant respondedAt) {
        List<CaseEvent> history = List.of(
                submission(Severity.A, at),
                new CaseEvent(
                        CaseEventType.AGENT_RESPONDED,
                        respondedAt,
                        "agent-1",
                        Actor.AGENT,
                        null,
                        null,
                        null,
                        null,
                        "MSG-1"),
                new CaseEvent(
                        CaseEventType.STATUS_CHANGED,
                        respondedAt,
                        "agent-1",
                        Actor.AGENT,
                        "working on it",
                        null,
                        CaseStatus.IN_PROGRESS,
                        CaseStatus.OPEN.name(),
                        null));
        return supportCase(Category.TECHNICAL, Severity.A, CaseStatus.IN_PROGRESS, history, respondedAt);
    }

    private static CaseEvent submission(Severity severity, Instant at) {
        return new CaseEvent(
                CaseEventType.SUBMITTED, at, "admin-1", Actor.ADMIN, null, severity, CaseStatus.OPEN, null, null);
    }

    private static SupportCase supportCase(
            Category category, Severity severity, CaseStatus status, List<CaseEvent> history, Instant updatedAt) {
        return new SupportCase(
                Ids.next("CS", 3),
                TENANT,
                category,
                category == Category.TECHNICAL ? ServiceName.EXCHANGE_ONLINE : null,
                "Shared mailbox permissions",
                "Members cannot send as the shared mailbox.",
                severity,
                severity == Severity.A ? "All staff blocked" : null,
                new CaseContact("Li Na", "li.na@contoso.example", "+8613800138000", ContactMethod.EMAIL, Language.EN),
                status,
                List.of(),
                history,
                OpenedVia.ONLINE,
                1,
                history.get(0).at(),
                "admin-1",
                updatedAt,
                null);
    }

    // ------------------------------------------------------------------ loading

    private static void load(
            DynamoDbClient dynamo,
            String table,
            List<Map<String, AttributeValue>> dueItems,
            int dueCopies,
            List<Map<String, AttributeValue>> laterItems,
            int laterCopies,
            int threads)
            throws Exception {
        int total = dueCopies + laterCopies;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int from = next.getAndAdd(BATCH); from < total; from = next.getAndAdd(BATCH)) {
                        List<WriteRequest> batch = new ArrayList<>(BATCH);
                        for (int i = from; i < Math.min(total, from + BATCH); i++) {
                            Map<String, AttributeValue> source = i < dueCopies
                                    ? dueItems.get(i % dueItems.size())
                                    : laterItems.get(i % laterItems.size());
                            batch.add(WriteRequest.builder()
                                    .putRequest(PutRequest.builder()
                                            .item(copy(source, Ids.next("CS", 3)))
                                            .build())
                                    .build());
                        }
                        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                        while (!pending.isEmpty()) {
                            Map<String, List<WriteRequest>> request = pending;
                            pending = dynamo.batchWriteItem(b -> b.requestItems(request))
                                    .unprocessedItems();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A stored case item under {@code newId}: every string attribute that holds the id rewritten. */
    static Map<String, AttributeValue> copy(Map<String, AttributeValue> source, String newId) {
        String sourceId = source.get("caseId").s();
        Map<String, AttributeValue> item = new HashMap<>(source);
        item.replaceAll((name, value) -> value.s() != null && value.s().contains(sourceId)
                ? AttributeValue.fromS(value.s().replace(sourceId, newId))
                : value);
        return item;
    }

    // ------------------------------------------------------------------ plumbing

    private static DynamoDbClient countedClient(Emulators emulators, SweepReads reads) {
        return DynamoDbClient.builder()
                .region(Region.of(Emulators.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(emulators.dynamoDbEndpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(reads))
                .build();
    }

    /** The real SNS publisher, pointed at the local SNS endpoint. */
    private static NotificationPublisher publisher(LocalSns sns) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", Emulators.REGION);
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        env.put(SnsNotificationPublisher.TOPIC_ENV, LocalAws.topicArn("NotificationsTopic"));
        return SnsNotificationPublisher.from(FunctionEnvironment.of(env, Clock.systemUTC()));
    }

    static Instant bj(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Each size's round with the median time per due clock, and the range of that time over the rounds. */
    private static void print(List<List<Result>> rounds) {
        List<Result> results = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (List<Result> size : rounds) {
            List<Result> sorted = new ArrayList<>(size);
            sorted.sort(java.util.Comparator.comparingDouble(Result::millisPerDue));
            results.add(sorted.get(sorted.size() / 2));
            ranges.add(String.format(
                    Locale.ROOT,
                    "%.1f-%.1f",
                    sorted.get(0).millisPerDue(),
                    sorted.get(sorted.size() - 1).millisPerDue()));
        }
        Result base = results.get(0);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "medians of %d rounds per size (a fresh table each)%n%n",
                rounds.get(0).size());
        System.out.println("| open cases | due clocks | load s | index entries read | cases read | items read"
                + " | items per due clock | read units per due clock | DynamoDB calls per due clock | sweep ms"
                + " | ms per due clock | min-max | run with nothing due, ms | (sweep - that) per due clock, ms"
                + " | items per due vs first | ms per due vs first | (sweep - that) per due vs first"
                + " | items read by the next run |");
        System.out.println(
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %,d | %.1f | %,d | %,d | %,d | %.3f | %s | %.1f | %.0f | %.2f | %s | %.0f | %.2f | %.2f | %.2f"
                            + " | %.2f | %d |%n",
                    r.open(),
                    r.due(),
                    r.loadSeconds(),
                    r.indexItems(),
                    r.caseItems(),
                    r.itemsRead(),
                    r.itemsPerDue(),
                    r.unitsReported() ? String.format(Locale.ROOT, "%.3f", r.readUnits() / r.due()) : "-",
                    (double) r.calls() / r.due(),
                    r.sweepMillis(),
                    r.millisPerDue(),
                    ranges.get(i),
                    r.nextRunMillis(),
                    r.marginalMillisPerDue(),
                    r.itemsPerDue() / base.itemsPerDue(),
                    r.millisPerDue() / base.millisPerDue(),
                    r.marginalMillisPerDue() / base.marginalMillisPerDue(),
                    r.nextRunIndexItems());
        }
        System.out.println();
        System.out.println("items read = due index entries (keys only) + due cases (one GetItem each) + the"
                + " sweep's state item; no Scan, no other index. Read units: the capacity the table reported"
                + " for those reads. The run with nothing due is the next run at the same instant.");
    }
}
