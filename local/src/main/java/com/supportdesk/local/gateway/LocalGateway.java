package com.supportdesk.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.ClaimsReader;
import com.supportdesk.identity.Role;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.LocalOutbox;
import com.supportdesk.local.LocalWebhookReceiver;
import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.auth.LocalTokens;
import com.supportdesk.local.lambda.HttpApiEvents;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.sqs.LocalQueues;
import com.supportdesk.local.template.EventSource;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.webhooks.WebhookFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The local stand-in for the HTTP API: route selection over the routes of template.yaml, the JWT
 * authorizer (local HS256 tokens), the v2 event, the function, the response. Transport-free: the HTTP
 * server and the demo seed both call {@link #handle(GatewayRequest)}, so seeded data goes through exactly
 * the path a curl request takes.
 *
 * <p>The runner's own endpoints live under {@code /_local/} (never a template route):
 * <ul>
 *   <li>{@code GET /_local/clock} — the simulated instant;</li>
 *   <li>{@code POST /_local/clock} with {@code {"advance":"PT2H"}} or {@code {"set":"2026-03-02T09:00:00Z"}}
 *       — moves it; needs an operator token;</li>
 *   <li>{@code GET /_local/outbox} — SMS and topic messages that would have been sent;</li>
 *   <li>{@code GET /_local/queues} — the template's queues: depths, redrive policies, and what waits in
 *       each dead-letter queue;</li>
 *   <li>{@code POST /_local/webhook-receiver} — a local webhook receiver (URL and secret) for
 *       {@code POST /webhooks}; {@code POST /_local/webhook-receiver/{id}} is where deliveries arrive and are
 *       verified; {@code GET /_local/webhook-receiver} lists them ({@link LocalWebhookReceiver}).</li>
 * </ul>
 * The read-only ones are open, like the SES emulator's mail page: the server listens on loopback only.
 */
public final class LocalGateway {
    /** Larger bodies are refused before any function runs (API Gateway's own limit is 10 MB). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Router router;
    private final Map<String, LocalFunction> functions;
    private final Map<String, String> unavailable;
    private final LocalTokens tokens;
    private final SimulatedClock clock;
    private final LocalOutbox outbox;
    private final Supplier<List<LocalQueues.QueueState>> queues;
    private final IntSupplier port;
    private final LocalWebhookReceiver webhookReceiver;

    /**
     * @param functions   loaded functions by logical id
     * @param unavailable functions of the template that could not be loaded, with the reason
     * @param queues      the template's queues now, for {@code GET /_local/queues}
     * @param port        the port the API is served on (for {@code x-forwarded-port})
     */
    public LocalGateway(
            Router router,
            Map<String, LocalFunction> functions,
            Map<String, String> unavailable,
            LocalTokens tokens,
            SimulatedClock clock,
            LocalOutbox outbox,
            Supplier<List<LocalQueues.QueueState>> queues,
            IntSupplier port) {
        this.router = router;
        this.functions = Map.copyOf(functions);
        this.unavailable = Map.copyOf(unavailable);
        this.tokens = tokens;
        this.clock = clock;
        this.outbox = outbox;
        this.queues = queues;
        this.port = port;
        this.webhookReceiver = new LocalWebhookReceiver(clock);
    }

    /** The local webhook receiver behind {@code /_local/webhook-receiver}. */
    public LocalWebhookReceiver webhookReceiver() {
        return webhookReceiver;
    }

    public Router router() {
        return router;
    }

    public GatewayResponse handle(GatewayRequest request) {
        String requestId = UUID.randomUUID().toString();
        GatewayResponse response;
        if (!wellFormedQuery(request.rawQuery())) {
            // as API Gateway refuses a query string it cannot decode, before any route or authorizer
            response = GatewayResponse.message(400, "Bad Request");
        } else if (request.rawPath().equals("/_local") || request.rawPath().startsWith("/_local/")) {
            response = local(request);
        } else {
            response = api(request, requestId);
        }
        return response.withHeader("apigw-requestid", requestId);
    }

    /**
     * Whether every percent escape of the query string is {@code %} and two hex digits and the escapes spell
     * valid UTF-8: what a server can decode without guessing.
     */
    static boolean wellFormedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return true;
        }
        for (String part : rawQuery.split("[&=]", -1)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c != '%') {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                if (i + 2 >= part.length()
                        || Character.digit(part.charAt(i + 1), 16) < 0
                        || Character.digit(part.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(part.charAt(i + 1), 16) * 16 + Character.digit(part.charAt(i + 2), 16));
                i += 2;
            }
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toByteArray()));
            } catch (CharacterCodingException e) {
                return false;
            }
        }
        return true;
    }

    private GatewayResponse api(GatewayRequest request, String requestId) {
        if (request.body().length > MAX_BODY_BYTES) {
            return GatewayResponse.message(413, "Request Entity Too Large");
        }
        Optional<Router.Match> match = router.match(request.method(), request.rawPath());
        if (match.isEmpty()) {
            return GatewayResponse.message(404, "Not Found");
        }
        HttpRoute route = match.get().route();
        RouteAuth auth = RouteAuth.of(route);
        Map<String, Object> claims = null;
        if (auth.required()) {
            Optional<Map<String, Object>> verified = verifiedClaims(request);
            if (verified.isEmpty()) {
                return GatewayResponse.message(401, "Unauthorized");
            }
            claims = verified.get();
            if (!auth.scopes().isEmpty()) {
                List<String> held =
                        Optional.ofNullable(HttpApiEvents.scopes(claims)).orElse(List.of());
                if (auth.scopes().stream().noneMatch(held::contains)) {
                    return GatewayResponse.message(403, "Forbidden");
                }
            }
        }
        String functionName = route.function().logicalId();
        LocalFunction function = functions.get(functionName);
        if (function == null) {
            System.err.println(
                    "[local] " + route.routeKey() + ": " + unavailable.getOrDefault(functionName, "not loaded"));
            return GatewayResponse.message(500, "Internal Server Error");
        }
        String routeKey = route.path().equals("$default") ? "$default" : route.routeKey();
        HttpApiEvents.Invocation invocation = new HttpApiEvents.Invocation(
                routeKey,
                match.get().pathParameters(),
                claims,
                requestId,
                clock.instant(),
                LocalAws.ACCOUNT,
                port.getAsInt());
        byte[] event = HttpApiEvents.event(request, invocation).toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] result = function.invoke(event, requestId);
            return HttpApiEvents.response(result);
        } catch (RuntimeException e) {
            // a function error: API Gateway hides it behind a 500; the developer sees it here
            Throwable cause =
                    e instanceof LocalFunction.FunctionErrorException && e.getCause() != null ? e.getCause() : e;
            System.err.println("[local] " + functionName + " " + requestId + " failed:");
            cause.printStackTrace(System.err);
            return GatewayResponse.message(500, "Internal Server Error");
        }
    }

    private Optional<Map<String, Object>> verifiedClaims(GatewayRequest request) {
        Optional<String> header = request.header("authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String token = header.get().trim();
        // the HTTP API takes the token with or without the Bearer prefix
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        try {
            return Optional.of(tokens.verify(token));
        } catch (LocalTokens.InvalidTokenException e) {
            return Optional.empty();
        }
    }

    /** Whether a route uses the default JWT authorizer ({@code Auth: Authorizer: NONE} opts out) and its scopes. */
    private record RouteAuth(boolean required, List<String> scopes) {
        static RouteAuth of(HttpRoute route) {
            for (EventSource event : route.function().eventsOfType("HttpApi")) {
                Object method = event.properties().get("Method");
                Object path = event.properties().get("Path");
                if (route.path().equals(String.valueOf(path))
                        && route.method().equalsIgnoreCase(String.valueOf(method))) {
                    if (event.properties().get("Auth") instanceof Map<?, ?> auth) {
                        boolean none = "NONE".equals(String.valueOf(auth.get("Authorizer")));
                        List<String> scopes = auth.get("AuthorizationScopes") instanceof List<?> l
                                ? l.stream().map(String::valueOf).toList()
                                : List.of();
                        return new RouteAuth(!none, scopes);
                    }
                }
            }
            return new RouteAuth(true, List.of());
        }
    }

    // ------------------------------------------------------------------ /_local/*

    private GatewayResponse local(GatewayRequest request) {
        String path = request.rawPath();
        String method = request.method().toUpperCase(Locale.ROOT);
        return switch (path) {
            case "/_local/clock" ->
                switch (method) {
                    case "GET" -> GatewayResponse.json(200, clockState());
                    case "POST" -> moveClock(request);
                    default -> GatewayResponse.message(405, "Method Not Allowed");
                };
            case "/_local/outbox" ->
                method.equals("GET")
                        ? GatewayResponse.json(200, outbox.messages())
                        : GatewayResponse.message(405, "Method Not Allowed");
            case "/_local/queues" ->
                method.equals("GET")
                        ? GatewayResponse.json(200, queues.get())
                        : GatewayResponse.message(405, "Method Not Allowed");
            case LocalWebhookReceiver.PATH ->
                switch (method) {
                    case "GET" -> GatewayResponse.json(200, webhookReceiver.arrivals());
                    case "POST" -> newWebhookReceiver(request);
                    default -> GatewayResponse.message(405, "Method Not Allowed");
                };
            default -> {
                if (path.startsWith(LocalWebhookReceiver.PATH + "/") && method.equals("POST")) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
                    yield webhookReceiver
                            .receive(
                                    path.substring(LocalWebhookReceiver.PATH.length() + 1),
                                    request.rawQuery(),
                                    headers,
                                    request.body())
                            .map(answer -> GatewayResponse.json(200, answer))
                            .orElseGet(() -> GatewayResponse.message(404, "Not Found"));
                }
                yield GatewayResponse.message(404, "Not Found");
            }
        };
    }

    private GatewayResponse newWebhookReceiver(GatewayRequest request) {
        WebhookFormat format = WebhookFormat.GENERIC;
        try {
            JsonNode body = request.body().length == 0 ? null : Json.MAPPER.readTree(request.body());
            if (body != null && body.has("format")) {
                format = WebhookFormat.valueOf(body.get("format").asText());
            }
        } catch (IOException | IllegalArgumentException e) {
            return GatewayResponse.message(400, "Send {\"format\":\"GENERIC\"} (or WECOM, DINGTALK, FEISHU)");
        }
        return GatewayResponse.json(201, webhookReceiver.create(format, "http://127.0.0.1:" + port.getAsInt()));
    }

    private Map<String, Object> clockState() {
        Map<String, Object> state = new LinkedHashMap<>();
        Instant now = clock.instant();
        state.put("now", now.toString());
        state.put("realNow", Instant.now().toString());
        return state;
    }

    private GatewayResponse moveClock(GatewayRequest request) {
        Optional<Map<String, Object>> claims = verifiedClaims(request);
        if (claims.isEmpty()) {
            return GatewayResponse.message(401, "Unauthorized");
        }
        Caller caller;
        try {
            Map<String, String> flat = new LinkedHashMap<>();
            claims.get().forEach((k, v) -> flat.put(k, HttpApiEvents.flattenClaim(v)));
            caller = ClaimsReader.read(flat);
        } catch (Refusal e) {
            return GatewayResponse.message(401, "Unauthorized");
        }
        if (!caller.has(Role.OPERATOR)) {
            return GatewayResponse.message(403, "Forbidden: moving the clock needs an operator token");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || body.size() != 1 || !(body.has("advance") || body.has("set"))) {
            return GatewayResponse.message(400, "Send {\"advance\":\"PT2H\"} or {\"set\":\"2026-03-02T09:00:00Z\"}");
        }
        try {
            if (body.has("advance")) {
                clock.advance(Duration.parse(body.get("advance").asText()));
            } else {
                clock.set(Instant.parse(body.get("set").asText()));
            }
        } catch (SimulatedClock.OutOfRangeException e) {
            return GatewayResponse.message(400, e.getMessage());
        } catch (DateTimeException | IllegalArgumentException e) {
            return GatewayResponse.message(
                    400, "advance must be a positive ISO-8601 duration (PT2H, P1D); set an ISO-8601 instant");
        }
        System.out.println("[local] clock moved by " + caller.subject() + ": now " + clock.instant());
        return GatewayResponse.json(200, clockState());
    }
}
