package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API payload format 2.0 as JSON, read and written with the project's one Jackson mapper and
 * its tree model: no bean introspection, and not the runtime's own copy of Jackson, whose set-up the
 * first invocation of a {@code RequestHandler<APIGatewayV2HTTPEvent, ...>} pays (decision 0009).
 *
 * <p>{@link #read} gives the same {@link APIGatewayV2HTTPEvent} the runtime's serialiser would (a test
 * compares every sample event and one with every field); {@link #write} gives what API Gateway reads.
 */
final class HttpApiJson {
    private HttpApiJson() {}

    static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        JsonNode root = Json.MAPPER.readTree(input);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("An HTTP API event is a JSON object");
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(root, "version"));
        event.setRouteKey(text(root, "routeKey"));
        event.setRawPath(text(root, "rawPath"));
        event.setRawQueryString(text(root, "rawQueryString"));
        event.setCookies(texts(root.get("cookies")));
        event.setHeaders(textMap(root.get("headers")));
        event.setQueryStringParameters(textMap(root.get("queryStringParameters")));
        event.setPathParameters(textMap(root.get("pathParameters")));
        event.setStageVariables(textMap(root.get("stageVariables")));
        event.setBody(text(root, "body"));
        event.setIsBase64Encoded(root.path("isBase64Encoded").asBoolean(false));
        event.setRequestContext(requestContext(root.get("requestContext")));
        return event;
    }

    private static RequestContext requestContext(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        RequestContext context = new RequestContext();
        context.setRouteKey(text(node, "routeKey"));
        context.setAccountId(text(node, "accountId"));
        context.setStage(text(node, "stage"));
        context.setApiId(text(node, "apiId"));
        context.setDomainName(text(node, "domainName"));
        context.setDomainPrefix(text(node, "domainPrefix"));
        context.setTime(text(node, "time"));
        context.setTimeEpoch(node.path("timeEpoch").asLong(0));
        context.setRequestId(text(node, "requestId"));
        JsonNode http = node.get("http");
        if (!absent(http)) {
            context.setHttp(new RequestContext.Http(
                    text(http, "method"),
                    text(http, "path"),
                    text(http, "protocol"),
                    text(http, "sourceIp"),
                    text(http, "userAgent")));
        }
        JsonNode authorizer = node.get("authorizer");
        if (!absent(authorizer)) {
            RequestContext.Authorizer auth = new RequestContext.Authorizer();
            JsonNode jwt = authorizer.get("jwt");
            if (!absent(jwt)) {
                auth.setJwt(new RequestContext.Authorizer.JWT(textMap(jwt.get("claims")), texts(jwt.get("scopes"))));
            }
            JsonNode lambda = authorizer.get("lambda");
            if (!absent(lambda)) {
                auth.setLambda(Json.MAPPER.convertValue(lambda, Map.class));
            }
            JsonNode iam = authorizer.get("iam");
            if (!absent(iam)) {
                RequestContext.IAM principal = new RequestContext.IAM();
                principal.setAccessKey(text(iam, "accessKey"));
                principal.setAccountId(text(iam, "accountId"));
                principal.setCallerId(text(iam, "callerId"));
                principal.setPrincipalOrgId(text(iam, "principalOrgId"));
                principal.setUserArn(text(iam, "userArn"));
                principal.setUserId(text(iam, "userId"));
                JsonNode cognito = iam.get("cognitoIdentity");
                if (!absent(cognito)) {
                    principal.setCognitoIdentity(new RequestContext.CognitoIdentity(
                            texts(cognito.get("amr")), text(cognito, "identityId"), text(cognito, "identityPoolId")));
                }
                auth.setIam(principal);
            }
            context.setAuthorizer(auth);
        }
        return context;
    }

    static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            if (response.getHeaders() != null) {
                json.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    json.writeStringField(header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            if (response.getMultiValueHeaders() != null) {
                json.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header :
                        response.getMultiValueHeaders().entrySet()) {
                    json.writeArrayFieldStart(header.getKey());
                    for (String value : header.getValue()) {
                        json.writeString(value);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            if (response.getCookies() != null) {
                json.writeArrayFieldStart("cookies");
                for (String cookie : response.getCookies()) {
                    json.writeString(cookie);
                }
                json.writeEndArray();
            }
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            json.writeEndObject();
        }
        output.flush();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String text(JsonNode parent, String field) {
        return scalar(parent.get(field), field);
    }

    /**
     * A string, or a number or boolean turned into its text, as the runtime's serialiser does; like it,
     * an empty array is null and an array of one value is that value. Anything else is refused.
     */
    private static String scalar(JsonNode node, String field) {
        if (node != null && node.isArray() && node.size() <= 1) {
            node = node.size() == 0 ? null : node.get(0);
        }
        if (absent(node)) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static Map<String, String> textMap(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("A JSON object of strings is expected");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), scalar(entry.getValue(), entry.getKey()));
        }
        return map;
    }

    private static List<String> texts(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("A JSON array of strings is expected");
        }
        List<String> list = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            list.add(scalar(item, "item"));
        }
        return list;
    }
}
