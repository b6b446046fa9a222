package com.supportdesk.it.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * WireMock answering the dispatcher's providers at the HTTP level, for the real SDK clients:
 *
 * <ul>
 *   <li>Amazon SNS {@code Publish} (AWS query protocol), for SMS and the agents' topics: no SNS emulator
 *       exists, so every SNS call of the dispatcher tests lands here and is recorded. A phone number can be
 *       made invalid, as SNS answers for a number it cannot send to.</li>
 *   <li>Amazon SES v2 {@code SendEmail} (REST JSON) when a test needs SES to fail: 500, throttling (429),
 *       or a permanent rejection of the address (400). Working mail goes to aws-ses-v2-local instead.</li>
 * </ul>
 */
final class ProviderStubs implements AutoCloseable {
    static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static final String PUBLISHED = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>%s</MessageId></PublishResult>
              <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
            </PublishResponse>""";

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    ProviderStubs() {
        server.start();
        server.stubFor(post(urlEqualTo("/"))
                .atPriority(10)
                .withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(PUBLISHED.formatted(UUID.randomUUID(), UUID.randomUUID()))));
    }

    String url() {
        return server.baseUrl();
    }

    /** SNS refuses to publish to {@code phone}, as it does for a number that cannot receive SMS. */
    void invalidPhone(String phone) {
        server.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("PhoneNumber=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                                + "<Type>Sender</Type><Code>InvalidParameter</Code>"
                                + "<Message>Invalid parameter: PhoneNumber Reason: the number is not valid</Message>"
                                + "</Error><RequestId>r-1</RequestId></ErrorResponse>")));
    }

    /** SES answers every SendEmail with {@code status} and the error type in {@code x-amzn-ErrorType}. */
    void sesFails(int status, String errorType) {
        server.stubFor(post(urlPathEqualTo(SEND_EMAIL))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", errorType)
                        .withBody("{\"message\":\"" + errorType + " from the test\"}")));
    }

    int sendEmailCalls() {
        return server.findAll(postRequestedFor(urlPathEqualTo(SEND_EMAIL))).size();
    }

    /** Environment that sends the dispatcher's SNS calls here. */
    Map<String, String> snsEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_SNS", url());
    }

    /** Environment that sends the dispatcher's SNS and SES calls here. */
    Map<String, String> snsAndSesEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_SNS", url(), "AWS_ENDPOINT_URL_SESV2", url());
    }

    /** Every SNS Publish received, as its form parameters, oldest first. */
    List<Map<String, String>> publishes() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(ProviderStubs::form)
                .toList();
    }

    List<Map<String, String>> publishedTo(String topicArnOrPhone) {
        return publishes().stream()
                .filter(p -> topicArnOrPhone.equals(p.get("TopicArn")) || topicArnOrPhone.equals(p.get("PhoneNumber")))
                .toList();
    }

    /** Message attributes of one Publish by name. */
    static Map<String, String> attributes(Map<String, String> publish) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int n = 1; publish.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            attributes.put(publish.get(prefix + ".Name"), publish.get(prefix + ".Value.StringValue"));
        }
        return attributes;
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
