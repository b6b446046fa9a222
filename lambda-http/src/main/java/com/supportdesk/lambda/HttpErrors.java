package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.supportdesk.api.Json;
import com.supportdesk.model.Language;
import com.supportdesk.refusal.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where a refusal becomes HTTP: its kind chooses the status, and every error of every route
 * has the same body, {@code {"error": {"code": ..., "message": ...}}}, the message in the reader's language
 * (named by {@code Content-Language}).
 */
public final class HttpErrors {
    /** Seconds a client should wait before retrying when the desk is briefly unavailable. */
    static final String RETRY_AFTER_SECONDS = "2";

    private HttpErrors() {}

    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RULE_BROKEN -> 422;
            case LOCKED -> 423;
            case TOO_MANY -> 429;
            case DEPENDENCY_FAILED -> 502;
            case UNAVAILABLE -> 503;
        };
    }

    /** The refusal's message in {@code language}; the code is the same in every language. */
    static APIGatewayV2HTTPResponse of(Refusal refusal, Language language) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (refusal.kind() == Refusal.Kind.UNAVAILABLE) {
            headers.put("retry-after", RETRY_AFTER_SECONDS);
        }
        return of(status(refusal.kind()), refusal.code(), refusal.message(language), language, headers);
    }

    static APIGatewayV2HTTPResponse of(
            int status, String code, String message, Language language, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        headers.put("content-language", language.tag());
        headers.put("cache-control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Json.write(new ErrorBody(new ErrorBody.Detail(code, message))))
                .build();
    }

    /** The error shape of every route. */
    record ErrorBody(Detail error) {
        record Detail(String code, String message) {}
    }
}
