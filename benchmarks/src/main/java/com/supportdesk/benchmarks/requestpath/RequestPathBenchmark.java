package com.supportdesk.benchmarks.requestpath;

import com.supportdesk.benchmarks.LatencyTable;
import com.supportdesk.local.LocalRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 4, the request path: N concurrent clients send a fixed mix of requests through the local
 * runner (HTTP, JWT check, v2 event, the real handlers, dynalite, aws-ses-v2-local, local SNS) for a
 * fixed time, after a warm-up. Prints throughput and p50/p99 per route, and how the summed request
 * time divides into time on the wire to the emulators (every SDK call, measured by {@link EmulatorTime}),
 * the runner's own path (HTTP and the JWT check, from a route the runner serves itself) and the rest:
 * the handlers' own work, and waiting for a free instance of a function: the runner, like Lambda, gives
 * each instance one request at a time and each function a limited number of instances (8 by default).
 *
 * <p>Two phases: one client (no waiting: the rest is the handlers' own work), then N clients.
 * Arguments (optional): clients (8), seconds per phase (20), warm-up seconds (5).
 */
public final class RequestPathBenchmark {
    private record Call(String name, String method, String path, String token, String body) {}

    private RequestPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        // The functions' log lines go to standard output; the figures keep it to themselves.
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (LocalRunner runner = LocalRunner.start(LocalRunner.Options.forTests())) {
            String admin = runner.adminToken("contoso");
            List<Call> mix = List.of(
                    new Call("GET /orgs/{tenantId}", "GET", "/orgs/contoso", admin, null),
                    new Call("GET /service-health", "GET", "/service-health?service=EXCHANGE_ONLINE", admin, null),
                    new Call("GET /support/options", "GET", "/support/options?service=EXCHANGE_ONLINE", admin, null),
                    new Call("GET /cases", "GET", "/cases?status=OPEN&limit=20", admin, null),
                    new Call("POST /cases", "POST", "/cases", admin, """
                            {"category": "BILLING", "severity": "C", "title": "Invoice question",
                             "description": "The November invoice lists more seats than we have.",
                             "contact": {"name": "Li Na", "email": "li.na@contoso.example", "phone": "+12025550143",
                                         "preferredMethod": "EMAIL", "language": "en"}}"""));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI api = runner.baseUri();

            run(http, api, mix, clients, Duration.ofSeconds(warmUp));
            Call clock = new Call("GET /_local/clock", "GET", "/_local/clock", null, null);
            double runnerMs = LatencyTable.percentile(
                    run(http, api, List.of(clock), 1, Duration.ofSeconds(2)).get(clock.name()), 50);
            out.printf(
                    Locale.ROOT,
                    "Java %s; the local runner with dynalite, aws-ses-v2-local and local SNS; %d s per phase after %d s"
                            + " of warm-up%n",
                    Runtime.version(),
                    seconds,
                    warmUp);
            for (int n : clients == 1 ? List.of(1) : List.of(1, clients)) {
                EmulatorTime.reset();
                long started = System.nanoTime();
                Map<String, List<Long>> latencies = run(http, api, mix, n, Duration.ofSeconds(seconds));
                report(out, latencies, (System.nanoTime() - started) / 1e9, n, runnerMs);
            }
        } finally {
            System.setOut(out);
        }
    }

    private static Map<String, List<Long>> run(HttpClient http, URI api, List<Call> mix, int clients, Duration duration)
            throws InterruptedException {
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread.ofPlatform().name("client-" + c).start(() -> {
                try {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        Call call = mix.get(i % mix.size());
                        long t0 = System.nanoTime();
                        int status = send(http, api, call);
                        long nanos = System.nanoTime() - t0;
                        if (status / 100 != 2) {
                            failures.incrementAndGet();
                        }
                        latencies
                                .computeIfAbsent(call.name(), k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(nanos);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (failures.get() > 0) {
            System.err.println("requests not answered 2xx: " + failures.get());
        }
        return latencies;
    }

    private static int send(HttpClient http, URI api, Call call) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(api.resolve(call.path())).timeout(Duration.ofSeconds(30));
        if (call.token() != null) {
            request.header("Authorization", "Bearer " + call.token());
        }
        if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void report(
            PrintStream out, Map<String, List<Long>> latencies, double elapsed, int clients, double runnerMs) {
        out.printf(Locale.ROOT, "%n%d client(s):%n%n", clients);
        List<Long> all = LatencyTable.print(out, "route", latencies, elapsed);
        double total = all.stream().mapToLong(Long::longValue).sum() / 1e6;
        double emulators = EmulatorTime.nanos() / 1e6;
        double runnerPath = Math.min(runnerMs * all.size(), total - emulators);
        out.printf(
                Locale.ROOT,
                "Of the summed request time (%.0f ms): on the wire to the emulators %.0f%% (%.1f SDK calls per request),"
                        + " the runner's own path %.0f%% (%.1f ms per request: HTTP and JWT, the p50 of a route it"
                        + " serves itself), %s %.0f%%.%n",
                total,
                100 * emulators / total,
                (double) EmulatorTime.calls() / all.size(),
                100 * runnerPath / total,
                runnerMs,
                clients == 1 ? "inside the handlers" : "inside the handlers and waiting for a free instance",
                100 * (total - emulators - runnerPath) / total);
    }
}
