package com.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner at the edges of what it serves, over real HTTP: the ends of the simulated clock's window, an
 * instant outside it, and request lines no server could decode. Every answer has a JSON body; no route
 * answers 500.
 */
class LocalRunnerEdgesTest {
    /** A day before the last instant the clock serves: due times computed from here still fit. */
    private static final Instant NEAR_THE_END = SimulatedClock.LATEST.minus(Duration.ofDays(1));

    private static LocalRunner runner;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.start(LocalRunner.Options.forTests().withClock(NEAR_THE_END));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private static Answer call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("content-type").orElse(""),
                response.body());
    }

    /** A request line sent as is: no HTTP client would send a malformed target. */
    private static Answer raw(String target, String token) throws IOException {
        try (Socket socket = new Socket(runner.baseUri().getHost(), runner.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            String head = text.substring(0, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines()
                    .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("");
            return new Answer(status, contentType, text.substring(headEnd + 4));
        }
    }

    private static String caseBody() {
        return """
                {"category":"TECHNICAL","service":"EXCHANGE_ONLINE","severity":"B","title":"Edge of time",
                 "description":"Checking the runner at the edge of its clock.",
                 "contact":{"name":"Li Na","email":"li.na@contoso.example","phone":"+12025550143",
                            "preferredMethod":"EMAIL","language":"en"}}""";
    }

    /** A few routes of each kind: reads, a list, a write that computes due times. */
    private static void everyRouteStillAnswers(String when) throws Exception {
        String admin = runner.adminToken(DemoData.CONTOSO);
        List<Answer> answers = List.of(
                call("GET", "/orgs/contoso", admin, null),
                call("GET", "/service-health", admin, null),
                call("GET", "/support/options?service=EXCHANGE_ONLINE", admin, null),
                call("GET", "/cases", admin, null),
                call("POST", "/cases", admin, caseBody()));
        assertThat(answers).as("at %s", when).allSatisfy(answer -> assertThat(answer.status())
                .as(answer.body())
                .isLessThan(300));
    }

    @Test
    void theClockServesBothEndsOfItsWindowAndRefusesAnInstantBeyond() throws Exception {
        everyRouteStillAnswers("the end of the window");

        String operator = runner.operatorToken();
        Instant before = runner.clock().instant();
        Answer farFuture = call("POST", "/_local/clock", operator, "{\"set\":\"+1000000000-01-01T00:00:00Z\"}");
        assertThat(farFuture.status()).isEqualTo(400);
        assertThat(farFuture.json().path("message").asText())
                .contains(SimulatedClock.EARLIEST.toString())
                .contains(SimulatedClock.LATEST.toString());
        Answer tooFar = call("POST", "/_local/clock", operator, "{\"advance\":\"P1000D\"}");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(call("POST", "/_local/clock", operator, "{\"set\":\"1969-12-31T23:59:59Z\"}")
                        .status())
                .isEqualTo(400);
        assertThat(runner.clock().instant()).isBetween(before, before.plus(Duration.ofMinutes(5)));
        everyRouteStillAnswers("after the refused moves");

        assertThat(call("POST", "/_local/clock", operator, "{\"set\":\"1970-01-01T00:00:00Z\"}")
                        .status())
                .isEqualTo(200);
        everyRouteStillAnswers("the start of the window");
    }

    @Test
    void aQueryStringOrPathThatCannotBeDecodedGetsTheJsonErrorShape() throws Exception {
        String admin = runner.adminToken(DemoData.CONTOSO);
        for (String target : List.of(
                "/service-health?%zz=1",
                "/service-health?state=%",
                "/service-health?state=%e9",
                "/cases?status=%ZZOPEN",
                "/cases/%zz",
                "/orgs/contoso%")) {
            Answer answer = raw(target, admin);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("application/json");
            assertThat(answer.json().path("message").asText()).as(target).isEqualTo("Bad Request");
            assertThat(answer.body()).as(target).doesNotContain("Exception").doesNotContain("<");
        }
        assertThat(raw("/service-health?state=%41CTIVE", admin).status())
                .as("well-formed escapes pass")
                .isEqualTo(200);
    }
}
