package com.supportdesk.it.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.local.LocalWebhookReceiver;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.notifications.dispatch.DeliveryRecords;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.RegisteredContacts;
import com.supportdesk.webhooks.WebhookSigning;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the delivery half as deployed, on one machine: the local runner (the template's queue and
 * dead-letter queue in ElasticMQ, the dispatcher), its verifying receiver at {@code /_local/webhook-receiver},
 * and a WireMock receiver that fails on demand. Deliveries go over loopback {@code http}, which only the
 * runner's {@code WEBHOOK_ALLOW_LOOPBACK_HTTP} permits; that https is required everywhere else, and that no
 * address but a public one is accepted, is tested at registration (WebhooksHandlerTest) and before each
 * delivery (WebhookAddressesTest, WebhookDeliveryGuardTest).
 */
class WebhookDeliveryTest {
    private static DeliveryPipeline pipeline;
    private static WireMockServer failing;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        pipeline = DeliveryPipeline.start();
        failing =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        failing.start();
    }

    @AfterAll
    static void stop() {
        if (failing != null) {
            failing.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aCaseOpenedReachesEveryFormatsReceiverOnceSignedAndInTheOrganisationsLanguage() throws Exception {
        String tenant = organisation(Language.JA);
        List<String> receivers = new java.util.ArrayList<>();
        for (String format : List.of("GENERIC", "WECOM", "DINGTALK", "FEISHU")) {
            JsonNode receiver = receiver(format);
            receivers.add(receiver.path("receiverId").asText());
            register(
                    tenant,
                    receiver.path("url").asText(),
                    format,
                    receiver.path("secret").asText());
        }

        String caseId = openCase(tenant);
        pipeline.awaitIdle();

        List<LocalWebhookReceiver.Arrival> arrivals = arrivals(receivers);
        assertThat(arrivals).hasSize(4).allSatisfy(arrival -> {
            assertThat(arrival.verified()).as(arrival.problems().toString()).isTrue();
            assertThat(arrival.event()).isEqualTo("CASE_ACKNOWLEDGEMENT");
        });
        JsonNode generic = arrivals.stream()
                .filter(a -> a.format().equals("GENERIC"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(generic.path("caseId").asText()).isEqualTo(caseId);
        assertThat(generic.path("eventId").asText()).isEqualTo(caseId + "#ack");
        assertThat(generic.path("message").path("title").asText()).isEqualTo("ケース " + caseId + " が起票されました");
        JsonNode feishu = arrivals.stream()
                .filter(a -> a.format().equals("FEISHU"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(feishu.path("msg_type").asText()).isEqualTo("text");
    }

    @Test
    void aFailingReceiverIsRetriedThroughTheQueueKeptInTheDeadLetterQueueAndSentOnceAfterARedrive() throws Exception {
        failing.resetAll();
        failing.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        String tenant = organisation(Language.EN);
        String secret = "wiremock-secret-0123456789";
        register(tenant, failing.baseUrl() + "/hook", "GENERIC", secret);
        JsonNode healthy = receiver("GENERIC");
        register(
                tenant,
                healthy.path("url").asText(),
                "GENERIC",
                healthy.path("secret").asText());

        String caseId = openCase(tenant);
        pipeline.awaitIdle();

        assertThat(failing.findAll(postRequestedFor(urlPathEqualTo("/hook")))).hasSize(1);
        assertThat(pipeline.deadLetters())
                .as("the acknowledgement request waits in the dead-letter queue, nothing lost")
                .anySatisfy(body -> assertThat(body).contains(caseId + "#ack"));
        assertThat(arrivals(List.of(healthy.path("receiverId").asText())))
                .as("the healthy webhook got it once, however often the request came back")
                .hasSize(1);
        assertThat(pipeline.mailsTo("admin@" + tenant + ".example")).hasSize(1);

        // the receiver is fixed; an operator redrives after the lease of the failed attempt ran out
        failing.resetAll();
        failing.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        pipeline.runner.clock().advance(DeliveryRecords.LEASE.plusSeconds(1));
        pipeline.redriveDeadLetters();
        pipeline.awaitIdle();

        List<LoggedRequest> delivered = failing.findAll(postRequestedFor(urlPathEqualTo("/hook")));
        assertThat(delivered).hasSize(1);
        LoggedRequest request = delivered.get(0);
        assertThat(WebhookSigning.verify(
                        secret,
                        request.getHeader(WebhookSigning.TIMESTAMP_HEADER),
                        request.getHeader(WebhookSigning.SIGNATURE_HEADER),
                        request.getBody(),
                        pipeline.runner.clock().instant()))
                .isTrue();
        assertThat(arrivals(List.of(healthy.path("receiverId").asText()))).hasSize(1);
        assertThat(pipeline.mailsTo("admin@" + tenant + ".example")).hasSize(1);
    }

    // ------------------------------------------------------------ helpers

    private static String organisation(Language language) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        new OrganizationRepository(
                        pipeline.runner.emulators().dynamoDbClient(),
                        pipeline.runner.emulators().tableNames().get("OrganizationsTable"))
                .save(new Organization(
                        tenant,
                        "Org " + tenant,
                        "CN",
                        SupportPlan.ADVANCED,
                        language,
                        new RegisteredContacts(List.of("admin@" + tenant + ".example"), List.of()),
                        null,
                        1,
                        pipeline.runner.clock().instant(),
                        "operator-1"));
        return tenant;
    }

    private static JsonNode receiver(String format) throws Exception {
        HttpResponse<String> created = send("POST", LocalWebhookReceiver.PATH, null, "{\"format\":\"" + format + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return Json.MAPPER.readTree(created.body());
    }

    private static void register(String tenant, String url, String format, String secret) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("url", url).put("format", format).put("secret", secret);
        body.putArray("events").add("CASE_ACKNOWLEDGEMENT").add("SLA_BREACH");
        HttpResponse<String> created = send("POST", "/webhooks", pipeline.runner.adminToken(tenant), body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String openCase(String tenant) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
                Handlers.sampleEvent("cases-submit.json").path("body").asText());
        ((ObjectNode) body.path("contact")).put("email", "admin@" + tenant + ".example");
        HttpResponse<String> created = send("POST", "/cases", pipeline.runner.adminToken(tenant), body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.MAPPER.readTree(created.body()).path("caseId").asText();
    }

    private static List<LocalWebhookReceiver.Arrival> arrivals(List<String> receiverIds) {
        return pipeline.runner.gateway().webhookReceiver().arrivals().stream()
                .filter(a -> receiverIds.contains(a.receiverId()))
                .toList();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pipeline.runner.baseUri() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
