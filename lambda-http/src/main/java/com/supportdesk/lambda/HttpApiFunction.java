package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.LanguageChoice;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.ClaimsReader;
import com.supportdesk.model.Language;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Base of every HTTP function: verified claims → {@link Caller}, v2 event → {@link ApiRequest},
 * the route's answer → v2 response. Every failure becomes the JSON error body; nothing a client sends
 * can produce a stack trace or a 5xx. A dependency that is down or throttling (see {@link Outages}) is 503
 * with {@code Retry-After}; any other unexpected failure is 500. Every error is written in the language
 * {@link LanguageChoice} picks from the request's {@code Accept-Language} and, once the domain has read it,
 * the organisation's language; its {@code Content-Language} says which.
 *
 * <p>Lambda calls the stream method (it has the most parameters): the event is read and the response
 * written by {@link HttpApiJson} with the project's own Jackson, so the runtime never sets up its
 * serialiser (decision 0009). The typed method gives the same answers; the tests call it.
 */
public abstract class HttpApiFunction
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** API Gateway accepts up to 10 MB; no request of this API needs more than this. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private static final Refusal UNAVAILABLE = Refusal.unavailable("SERVICE_UNAVAILABLE");

    private final Map<String, Route> routes;
    private Priming priming = Priming.NONE;

    protected HttpApiFunction(Map<String, Route> routes) {
        this.routes = Map.copyOf(routes);
    }

    /**
     * Has SnapStart run these steps (requests of this function's own routes, and reads) before it takes the
     * snapshot. They must only read (see {@link Priming}); call once, at the end of the handler's constructor.
     */
    protected final void primeWith(PrimingStep... steps) {
        priming = Priming.register(this, List.of(steps));
    }

    /** What runs before a snapshot; {@link Priming#NONE} when the function registered nothing. */
    public final Priming priming() {
        return priming;
    }

    /** Route keys this function serves, as written in template.yaml. */
    public Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event = HttpApiJson.read(input);
        HttpApiJson.write(handleRequest(event, context), output);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var logScope = LambdaLogScope.open(context);
        try {
            return answer(event);
        } finally {
            logScope.close();
        }
    }

    /** The answer to one event, inside whatever log scope is open (none while priming). */
    final APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        String routeKey = event == null ? null : event.getRouteKey();
        Optional<String> acceptLanguage = acceptLanguage(event);
        try {
            Route route = routes.get(routeKey);
            if (route == null) {
                throw Refusal.notFound(Text.of("NOT_FOUND.route"));
            }
            ApiRequest request = toRequest(event, routeKey);
            return toResponse(route.handle(request));
        } catch (Refusal e) {
            return HttpErrors.of(e, LanguageChoice.choose(acceptLanguage, e.organisationLanguage()));
        } catch (TransportRefusal e) {
            Language language = LanguageChoice.choose(acceptLanguage, Optional.empty());
            return HttpErrors.of(e.status, e.code, e.text.in(language), language, Map.of());
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                // a dependency is down or throttling after the SDK's retries: the client may try again shortly
                Log.info(
                        "dependency_unavailable",
                        Map.of(
                                "route",
                                String.valueOf(routeKey),
                                "exception",
                                e.getClass().getName()));
                return HttpErrors.of(UNAVAILABLE, LanguageChoice.choose(acceptLanguage, Optional.empty()));
            }
            // Only the type and route are logged: messages may quote request data.
            Log.error(
                    "unhandled",
                    Map.of(
                            "route",
                            String.valueOf(routeKey),
                            "exception",
                            e.getClass().getName()),
                    e);
            Language language = LanguageChoice.choose(acceptLanguage, Optional.empty());
            return HttpErrors.of(500, "INTERNAL", Text.of("INTERNAL").in(language), language, Map.of());
        }
    }

    /** The caller's Accept-Language, read from the event itself so that even a refusal of the envelope has it. */
    private static Optional<String> acceptLanguage(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getHeaders() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            if ("accept-language".equalsIgnoreCase(header.getKey())) {
                return Optional.ofNullable(header.getValue()).filter(v -> !v.isBlank());
            }
        }
        return Optional.empty();
    }

    private static ApiRequest toRequest(APIGatewayV2HTTPEvent event, String routeKey) {
        Caller caller = ClaimsReader.read(claims(event));
        Map<String, String> headers = lowerCase(event.getHeaders());
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String body = decodeBody(event);
        if (METHODS_WITH_BODY.contains(method) && body != null && !body.isEmpty()) {
            String contentType = headers.getOrDefault("content-type", "");
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new TransportRefusal(415, "UNSUPPORTED_MEDIA_TYPE", Text.of("UNSUPPORTED_MEDIA_TYPE"));
            }
        }
        return new ApiRequest(
                routeKey, event.getPathParameters(), event.getQueryStringParameters(), headers, body, caller);
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null
                || context.getAuthorizer() == null
                || context.getAuthorizer().getJwt() == null) {
            return Map.of();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Map.of() : claims;
    }

    private static String decodeBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("INVALID_BODY");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new TransportRefusal(413, "BODY_TOO_LARGE", Text.of("BODY_TOO_LARGE", "max", MAX_BODY_BYTES));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), v));
        }
        return result;
    }

    private static APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("cache-control", "no-store");
        if (response.body() instanceof ApiResponse.Text text) {
            headers.put("content-type", text.contentType());
            headers.put("x-content-type-options", "nosniff");
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(response.status())
                    .withHeaders(headers)
                    .withBody(text.content())
                    .build();
        }
        headers.put("content-type", "application/json");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body() == null ? null : Json.write(response.body()))
                .build();
    }

    /** What the request's envelope gets wrong (size, media type): HTTP's own business, not the domain's. */
    private static final class TransportRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;
        private final transient Text text;

        TransportRefusal(int status, String code, Text text) {
            super(code, null, false, false);
            this.status = status;
            this.code = code;
            this.text = text;
        }
    }
}
