package com.supportdesk.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.supportdesk.api.Json;
import com.supportdesk.runtime.FunctionEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A handler that answers with what it received, to test the invocation path without a real function. */
public class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final FunctionEnvironment context;

    public EchoHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public EchoHandler(FunctionEnvironment context) {
        this.context = context;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context lambda) {
        if ("boom".equals(event.getRawQueryString())) {
            throw new IllegalStateException("boom");
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("routeKey", event.getRouteKey());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put(
                "claims",
                event.getRequestContext().getAuthorizer() == null
                        ? null
                        : event.getRequestContext().getAuthorizer().getJwt().getClaims());
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("now", context.clock().instant().toString());
        echo.put("env", context.optional("ECHO_SETTING").orElse(null));
        echo.put("functionName", lambda.getFunctionName());
        echo.put("requestId", lambda.getAwsRequestId());
        echo.put("remaining", lambda.getRemainingTimeInMillis() > 0);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json"))
                .withMultiValueHeaders(Map.of("x-echo", List.of("a", "b")))
                .withCookies(List.of("session=1; HttpOnly"))
                .withBody(Json.write(echo))
                .build();
    }
}
