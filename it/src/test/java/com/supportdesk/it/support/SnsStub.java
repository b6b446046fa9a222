package com.supportdesk.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.supportdesk.api.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTP stand-in for Amazon SNS: no SNS emulator runs locally (dynalite and aws-ses-v2-local cover
 * DynamoDB and SES only), so WireMock answers the SDK's {@code Publish} calls (AWS query protocol) and
 * records them for assertions. Point a function at it with {@link #environment()}.
 */
public final class SnsStub implements AutoCloseable {
    private static final String OK = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>%s</MessageId></PublishResult>
              <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
            </PublishResponse>""";

    public static final String TOPIC_ATTRIBUTES = """
            <GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <GetTopicAttributesResult><Attributes/></GetTopicAttributesResult>
              <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
            </GetTopicAttributesResponse>""";

    private final WireMockServer server;

    public SnsStub() {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        accept();
    }

    /** Every Publish succeeds; so does a read of a topic's attributes (SnapStart priming makes one). */
    public void accept() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetTopicAttributes"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(TOPIC_ATTRIBUTES.formatted(UUID.randomUUID()))));
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(OK.formatted(UUID.randomUUID(), UUID.randomUUID()))));
    }

    /** Every Publish fails as SNS does when it is unavailable. */
    public void fail() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                                + "<Message>down</Message></Error><RequestId>x</RequestId></ErrorResponse>")));
    }

    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL_SNS", server.baseUrl());
    }

    /** One Publish call as SNS received it. */
    public record Published(String topicArn, JsonNode message, Map<String, String> form) {

        /** Message attributes by name ({@code MessageAttributes.entry.N.Name} / {@code .Value.StringValue}). */
        public Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
                String prefix = "MessageAttributes.entry." + n;
                attributes.put(form.get(prefix + ".Name"), form.get(prefix + ".Value.StringValue"));
            }
            return attributes;
        }
    }

    public List<Published> published() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(request -> form(request.getBodyAsString()))
                .filter(form -> "Publish".equals(form.get("Action")))
                .map(form -> {
                    try {
                        return new Published(form.get("TopicArn"), Json.MAPPER.readTree(form.get("Message")), form);
                    } catch (java.io.IOException e) {
                        throw new AssertionError("Message is not JSON: " + form.get("Message"), e);
                    }
                })
                .toList();
    }

    /** The published messages about one case. */
    public List<Published> publishedFor(String caseId) {
        return published().stream()
                .filter(p -> caseId.equals(p.message().path("caseId").asText()))
                .toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop();
    }
}
