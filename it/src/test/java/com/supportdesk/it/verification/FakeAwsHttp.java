package com.supportdesk.it.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock answering the AWS APIs the emulators do not cover: SNS {@code Publish} (query protocol) and
 * Secrets Manager {@code GetSecretValue} (JSON protocol). The function reaches it through
 * {@code AWS_ENDPOINT_URL_SNS} / {@code AWS_ENDPOINT_URL_SECRETSMANAGER}, with the real SDK clients.
 */
final class FakeAwsHttp implements AutoCloseable {
    private final WireMockServer server =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    FakeAwsHttp() {
        server.start();
        server.stubFor(
                post(urlEqualTo("/"))
                        .withRequestBody(containing("Action=Publish"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                                        + "<MessageId>00000000-0000-0000-0000-000000000001</MessageId></PublishResult>"
                                                        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>")));
    }

    String url() {
        return server.baseUrl();
    }

    void secret(String arn, String value) {
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + arn + "\",\"Name\":\"PinHmacKeySecret\",\"VersionId\":\"v1\","
                                + "\"SecretString\":\"" + value
                                + "\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}")));
    }

    int secretReads() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")))
                .size();
    }

    /** The form parameters of every SNS Publish received, in order. */
    List<Map<String, String>> published() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(FakeAwsHttp::form)
                .toList();
    }

    /** Every request body received, whatever the API. */
    List<String> bodies() {
        return server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString())
                .toList();
    }

    List<Map<String, String>> publishedTo(String phone) {
        return published().stream()
                .filter(p -> phone.equals(p.get("PhoneNumber")))
                .toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop();
    }
}
