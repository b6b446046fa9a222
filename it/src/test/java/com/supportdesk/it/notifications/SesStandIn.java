package com.supportdesk.it.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.time.Duration;

/**
 * What the dispatcher takes for Amazon SES v2: a WireMock that forwards {@code SendEmail} to the real
 * aws-ses-v2-local (so accepted mail lands in the emulator's store) until a test makes it fail, for every
 * message or for one recipient: 500, throttling (429), or slowness.
 */
final class SesStandIn implements AutoCloseable {
    private static final String SEND_EMAIL = ProviderStubs.SEND_EMAIL;
    private static final String TO = "$.Destination.ToAddresses[0]";

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    private volatile URI ses;
    private volatile StubMapping forwarding;

    SesStandIn() {
        server.start();
    }

    String url() {
        return server.baseUrl();
    }

    /**
     * Where healthy calls go: the emulator's endpoint, known once the runner has started it. This forwarding
     * stays underneath every failure a test sets up, so that taking failures away never leaves a moment in
     * which a call matches nothing.
     */
    void forwardTo(URI sesEndpoint) {
        this.ses = sesEndpoint;
        forwarding =
                server.stubFor(post(urlPathEqualTo(SEND_EMAIL)).atPriority(10).willReturn(forward()));
    }

    /** SES works again: every failure set up before is taken away (calls made so far stay counted). */
    void healthy() {
        server.getStubMappings().stream()
                .filter(stub -> !stub.getId().equals(forwarding.getId()))
                .forEach(server::removeStub);
    }

    /** Every SendEmail fails with {@code status} and the error type SES would name. */
    void failing(int status, String errorType) {
        server.stubFor(post(urlPathEqualTo(SEND_EMAIL)).atPriority(5).willReturn(error(status, errorType)));
    }

    /** Mail to {@code address} fails with {@code status}; the rest still works. */
    void failingFor(String address, int status, String errorType) {
        server.stubFor(post(urlPathEqualTo(SEND_EMAIL))
                .atPriority(1)
                .withRequestBody(matchingJsonPath(TO, equalTo(address)))
                .willReturn(error(status, errorType)));
    }

    /** Mail to {@code address} goes through, after {@code delay}. */
    void slowFor(String address, Duration delay) {
        server.stubFor(post(urlPathEqualTo(SEND_EMAIL))
                .atPriority(1)
                .withRequestBody(matchingJsonPath(TO, equalTo(address)))
                .willReturn(forward().withFixedDelay((int) delay.toMillis())));
    }

    /** SendEmail calls that reached the stand-in for {@code address}, each SDK attempt counted. */
    int callsFor(String address) {
        return server.findAll(postRequestedFor(urlPathEqualTo(SEND_EMAIL))
                        .withRequestBody(matchingJsonPath(TO, equalTo(address))))
                .size();
    }

    private ResponseDefinitionBuilder forward() {
        if (ses == null) {
            throw new IllegalStateException("forwardTo(the emulator) first");
        }
        return aResponse().proxiedFrom(ses.toString());
    }

    private static ResponseDefinitionBuilder error(int status, String errorType) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", errorType)
                .withBody("{\"message\":\"" + errorType + " from the test\"}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
