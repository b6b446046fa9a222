package com.supportdesk.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.benchmarks.LatencyTable;
import com.supportdesk.local.LocalRunner;
import com.supportdesk.local.emulators.SentEmail;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The load audit: N concurrent clients (32) for a fixed time (60 s) through the local runner, whose
 * functions run up to 8 instances each at once, as Lambda does. Each client opens cases with a fresh
 * {@code Idempotency-Key}, retries submissions of its organisation with the same key and body (its own
 * and other clients', so retries race each other), and replies to the organisation's cases. Then, once the
 * runner is idle (notification queue drained), an audit over the API, the tables and the SES emulator:
 *
 * <ul>
 *   <li>cases created == keys accepted: one case per key that was answered 2xx, no other case;</li>
 *   <li>no duplicates: every 2xx answer for one key names the same case, and no case has two keys;</li>
 *   <li>no lost messages: every reply answered 2xx is in its case's history;</li>
 *   <li>every acknowledgement requested exactly once: one acknowledgement delivery record per case in the
 *       dispatcher's table and one acknowledgement email per case in the SES emulator.</li>
 * </ul>
 *
 * <p>Prints throughput, p50/p99 per kind of request and the audit. Arguments (optional): clients (32),
 * seconds (60), instances per function (8).
 */
public final class LoadAuditBenchmark {
    private static final int ORGANISATIONS = 8;
    /** Below the 200 messages a case holds. */
    private static final int MAX_REPLIES_PER_CASE = 150;

    private record Submission(String tenant, String key, String body) {}

    private LoadAuditBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int instances = args.length > 2 ? Integer.parseInt(args[2]) : LocalRunner.Options.DEFAULT_CONCURRENCY;

        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (LocalRunner runner = LocalRunner.start(
                LocalRunner.Options.forTests().withConcurrency(instances).withSeed(false))) {
            new LoadAuditBenchmark.Run(runner, out, clients, seconds, instances).go();
        } finally {
            System.setOut(out);
        }
    }

    private static final class Run {
        private final LocalRunner runner;
        private final PrintStream out;
        private final int clients;
        private final int seconds;
        private final int instances;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final List<String> tenants = new ArrayList<>();
        private final Map<String, List<Submission>> submissions = new ConcurrentHashMap<>();
        private final Map<String, List<String>> casesByTenant = new ConcurrentHashMap<>();
        /** Every case id a 2xx answer named for a key. */
        private final Map<String, Set<String>> casesByKey = new ConcurrentHashMap<>();
        /** Replies answered 2xx, by case. */
        private final Map<String, Set<String>> repliesByCase = new ConcurrentHashMap<>();

        private final Map<String, AtomicInteger> replyCounts = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();

        Run(LocalRunner runner, PrintStream out, int clients, int seconds, int instances) {
            this.runner = runner;
            this.out = out;
            this.clients = clients;
            this.seconds = seconds;
            this.instances = instances;
        }

        void go() throws Exception {
            String operator = runner.operatorToken();
            for (int i = 0; i < ORGANISATIONS; i++) {
                String tenant = "load-" + i;
                Map<String, Object> org = new LinkedHashMap<>();
                org.put("name", "Load Test " + i + " Ltd");
                org.put("country", "GB");
                org.put("supportPlan", "ADVANCED");
                org.put("language", "en");
                org.put(
                        "contacts",
                        Map.of(
                                "emails",
                                List.of("admin@" + tenant + ".example"),
                                "phones",
                                List.of("+4420794601" + i + "0")));
                int status = send("PUT", "/orgs/" + tenant, operator, null, Json.write(org)).status;
                if (status / 100 != 2) {
                    throw new IllegalStateException("Cannot create " + tenant + ": " + status);
                }
                tenants.add(tenant);
                submissions.put(tenant, new CopyOnWriteArrayList<>());
                casesByTenant.put(tenant, new CopyOnWriteArrayList<>());
            }
            long started = System.nanoTime();
            long end = started + Duration.ofSeconds(seconds).toNanos();
            CountDownLatch done = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                String tenant = tenants.get(c % tenants.size());
                Thread.ofPlatform().name("client-" + c).start(() -> {
                    try {
                        client(tenant, end);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            double elapsed = (System.nanoTime() - started) / 1e9;
            runner.awaitIdle(Duration.ofMinutes(5));
            report(elapsed);
        }

        private void client(String tenant, long end) {
            String admin = runner.adminToken(tenant);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < end) {
                double dice = random.nextDouble();
                List<Submission> known = submissions.get(tenant);
                List<String> cases = casesByTenant.get(tenant);
                if (dice < 0.4 || known.isEmpty()) {
                    Submission submission =
                            new Submission(tenant, UUID.randomUUID().toString(), caseBody(random));
                    known.add(submission);
                    submit("submit", admin, submission);
                } else if (dice < 0.6) {
                    // a retry of a recent submission: same key, same body, maybe while another client retries it
                    Submission again =
                            known.get(Math.max(0, known.size() - 1 - random.nextInt(Math.min(known.size(), 20))));
                    submit("retry", admin, again);
                } else if (!cases.isEmpty()) {
                    String caseId = cases.get(random.nextInt(cases.size()));
                    if (replyCounts
                                    .computeIfAbsent(caseId, k -> new AtomicInteger())
                                    .incrementAndGet()
                            > MAX_REPLIES_PER_CASE) {
                        continue;
                    }
                    String message = "Load reply " + UUID.randomUUID();
                    Answer answer = timed(
                            "reply",
                            () -> send(
                                    "POST",
                                    "/cases/" + caseId + "/replies",
                                    admin,
                                    null,
                                    Json.write(Map.of("message", message))));
                    if (answer.status / 100 == 2) {
                        repliesByCase
                                .computeIfAbsent(caseId, k -> ConcurrentHashMap.newKeySet())
                                .add(message);
                    }
                }
            }
        }

        private void submit(String kind, String admin, Submission submission) {
            Answer answer = timed(kind, () -> send("POST", "/cases", admin, submission.key(), submission.body()));
            if (answer.status / 100 == 2 && answer.json != null) {
                String caseId = answer.json.path("caseId").asText();
                Set<String> named = casesByKey.computeIfAbsent(submission.key(), k -> ConcurrentHashMap.newKeySet());
                if (named.add(caseId) && named.size() == 1) {
                    casesByTenant.get(submission.tenant()).add(caseId);
                }
            }
        }

        private static String caseBody(ThreadLocalRandom random) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", random.nextBoolean() ? "TECHNICAL" : "BILLING");
            if (body.get("category").equals("TECHNICAL")) {
                body.put("service", "EXCHANGE_ONLINE");
            }
            body.put("severity", random.nextBoolean() ? "B" : "C");
            body.put("title", "Load case " + random.nextInt(1_000_000));
            body.put("description", "Opened by the load benchmark.");
            body.put(
                    "contact",
                    Map.of(
                            "name", "Li Na",
                            "email", "li.na@load.example",
                            "phone", "+12025550143",
                            "preferredMethod", "EMAIL",
                            "language", "en"));
            return Json.write(body);
        }

        private record Answer(int status, JsonNode json) {}

        private interface Call {
            Answer call();
        }

        private Answer timed(String kind, Call call) {
            long t0 = System.nanoTime();
            Answer answer = call.call();
            latencies
                    .computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(System.nanoTime() - t0);
            statuses.computeIfAbsent(kind + " " + answer.status, k -> new AtomicLong())
                    .incrementAndGet();
            return answer;
        }

        private Answer send(String method, String path, String token, String idempotencyKey, String body) {
            URI uri = runner.baseUri().resolve(path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
            request.header("Authorization", "Bearer " + token);
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
                return new Answer(response.statusCode(), json);
            } catch (IOException e) {
                return new Answer(0, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(0, null);
            }
        }

        // ------------------------------------------------------------------ the audit

        private void report(double elapsed) throws Exception {
            out.printf(
                    Locale.ROOT,
                    "Java %s, %d cores; the local runner (%d instances per function) with dynalite,"
                            + " aws-ses-v2-local, ElasticMQ and local SNS; %d clients for %.0f s, %d organisations%n%n",
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    instances,
                    clients,
                    elapsed,
                    ORGANISATIONS);
            LatencyTable.print(out, "request", latencies, elapsed);
            out.println("Answers: " + new TreeMap<>(statuses));

            // cases as the API lists them, per organisation
            Set<String> listed = new HashSet<>();
            int listedTotal = 0;
            Map<String, String> tenantOf = new HashMap<>();
            for (String tenant : tenants) {
                for (String caseId : listCases(tenant)) {
                    listedTotal++;
                    listed.add(caseId);
                    tenantOf.put(caseId, tenant);
                }
            }
            Set<String> accepted = casesByKey.keySet();
            long keysNamingTwoCases =
                    casesByKey.values().stream().filter(s -> s.size() > 1).count();
            Map<String, Integer> keysPerCase = new HashMap<>();
            casesByKey.values().forEach(set -> set.forEach(id -> keysPerCase.merge(id, 1, Integer::sum)));
            long casesWithTwoKeys =
                    keysPerCase.values().stream().filter(n -> n > 1).count();
            Set<String> named = new HashSet<>(keysPerCase.keySet());
            Set<String> unnamed = new HashSet<>(listed);
            unnamed.removeAll(named);
            Set<String> missing = new HashSet<>(named);
            missing.removeAll(listed);

            // replies
            long repliesAccepted = 0;
            long repliesLost = 0;
            for (Map.Entry<String, Set<String>> entry : repliesByCase.entrySet()) {
                Set<String> kept = repliesIn(entry.getKey(), tenantOf.get(entry.getKey()));
                for (String reply : entry.getValue()) {
                    repliesAccepted++;
                    if (!kept.contains(reply)) {
                        repliesLost++;
                    }
                }
            }

            // acknowledgements: the dispatcher's delivery records and the mails the SES emulator received
            Map<String, Integer> ackMails = new HashMap<>();
            for (SentEmail mail : runner.emulators().sentEmails()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Case (CS-[0-9A-Z-]+) received")
                        .matcher(mail.subject() == null ? "" : mail.subject());
                if (m.find()) {
                    ackMails.merge(m.group(1), 1, Integer::sum);
                }
            }
            long casesWithOneAck = listed.stream()
                    .filter(id -> ackMails.getOrDefault(id, 0) == 1)
                    .count();
            long casesWithoutAck =
                    listed.stream().filter(id -> !ackMails.containsKey(id)).count();
            long casesWithMoreAcks = listed.stream()
                    .filter(id -> ackMails.getOrDefault(id, 0) > 1)
                    .count();
            long acksForNoCase = ackMails.keySet().stream()
                    .filter(id -> !listed.contains(id))
                    .count();
            long ackRecords = acknowledgementDeliveries();

            out.println();
            out.println("Audit:");
            line("keys accepted (a 2xx answer)", accepted.size());
            line("cases created (listed by the API)", listedTotal);
            line("  cases created == keys accepted", listedTotal == accepted.size() ? "yes" : "NO");
            line("duplicates: keys whose answers named two cases", keysNamingTwoCases);
            line("duplicates: cases named for two keys", casesWithTwoKeys);
            line("cases no accepted key names", unnamed.size());
            line("cases named in an answer but missing", missing.size());
            line("replies answered 2xx", repliesAccepted);
            line("replies lost (2xx but not on the case)", repliesLost);
            line("acknowledgement delivery records (dispatcher)", ackRecords);
            line("cases with exactly one acknowledgement mail", casesWithOneAck + " of " + listedTotal);
            line("cases without an acknowledgement mail", casesWithoutAck);
            line("cases with more than one acknowledgement mail", casesWithMoreAcks);
            line("acknowledgement mails for no case", acksForNoCase);
            boolean clean = listedTotal == accepted.size()
                    && keysNamingTwoCases == 0
                    && casesWithTwoKeys == 0
                    && unnamed.isEmpty()
                    && missing.isEmpty()
                    && repliesLost == 0
                    && ackRecords == listedTotal
                    && casesWithOneAck == listedTotal
                    && acksForNoCase == 0;
            out.println();
            out.println(clean ? "AUDIT PASSED" : "AUDIT FAILED");
        }

        private void line(String what, Object value) {
            out.printf(Locale.ROOT, "  %-52s %s%n", what, value);
        }

        private List<String> listCases(String tenant) {
            String admin = runner.adminToken(tenant);
            List<String> ids = new ArrayList<>();
            String next = null;
            do {
                Answer page = send(
                        "GET",
                        "/cases?limit=100"
                                + (next == null
                                        ? ""
                                        : "&nextToken="
                                                + java.net.URLEncoder.encode(
                                                        next, java.nio.charset.StandardCharsets.UTF_8)),
                        admin,
                        null,
                        null);
                if (page.status != 200) {
                    throw new IllegalStateException("Listing the cases of " + tenant + " answered " + page.status);
                }
                page.json.path("cases").forEach(c -> ids.add(c.path("caseId").asText()));
                next = page.json.path("nextToken").isTextual()
                        ? page.json.path("nextToken").asText()
                        : null;
            } while (next != null);
            return ids;
        }

        private Set<String> repliesIn(String caseId, String tenant) {
            Set<String> kept = new HashSet<>();
            if (tenant == null) {
                return kept;
            }
            Answer stored = send("GET", "/cases/" + caseId, runner.adminToken(tenant), null, null);
            if (stored.status == 200) {
                stored.json.path("history").forEach(event -> {
                    if (event.path("type").asText().equals("CUSTOMER_REPLIED")) {
                        kept.add(event.path("message").asText());
                    }
                });
            }
            return kept;
        }

        /** Distinct acknowledgement requests the dispatcher recorded a delivery of. */
        private long acknowledgementDeliveries() {
            String table = runner.emulators().tableNames().get("DeliveriesTable");
            Set<String> notifications = new HashSet<>();
            try (DynamoDbClient dynamo = runner.emulators().dynamoDbClient()) {
                Map<String, AttributeValue> start = null;
                do {
                    ScanRequest.Builder scan = ScanRequest.builder()
                            .tableName(table)
                            .filterExpression("#t = :ack")
                            .expressionAttributeNames(Map.of("#t", "type"))
                            .expressionAttributeValues(Map.of(":ack", AttributeValue.fromS("CASE_ACKNOWLEDGEMENT")));
                    if (start != null) {
                        scan.exclusiveStartKey(start);
                    }
                    ScanResponse page = dynamo.scan(scan.build());
                    page.items()
                            .forEach(item ->
                                    notifications.add(item.get("notificationId").s()));
                    start = page.hasLastEvaluatedKey()
                                    && !page.lastEvaluatedKey().isEmpty()
                            ? page.lastEvaluatedKey()
                            : null;
                } while (start != null);
            }
            return notifications.size();
        }
    }
}
