package com.supportdesk.functions.supportsuggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function answers its sample event with nothing but its own dependencies: this module leaves the
 * AWS SDK out of its jar, and this test runs on exactly that class path.
 */
class OwnClassPathTest {

    @Test
    void theSampleEventIsAnsweredWithoutTheAwsSdk() throws Exception {
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.core.SdkClient"))
                .isInstanceOf(ClassNotFoundException.class);

        SupportSuggestionsHandler handler = new SupportSuggestionsHandler(
                FunctionEnvironment.of(Map.of("COMMUNITY_FORUM_URL", "https://community.example/"), Clock.systemUTC()));
        APIGatewayV2HTTPEvent event;
        try (InputStream in = Files.newInputStream(repository().resolve("events/support-suggestions.json"))) {
            event = LambdaEventSerializers.serializerFor(
                            APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                    .fromJson(in);
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body.path("language").asText()).isEqualTo("ja");
        assertThat(body.path("suggestions").get(0).path("articleId").asText()).isEqualTo("sharepoint-permissions");
        assertThat(body.path("suggestions")).hasSizeLessThanOrEqualTo(3);
    }

    private static Path repository() {
        String root = System.getProperty("supportdesk.root");
        return root == null ? Path.of("../..") : Path.of(root);
    }

    @Test
    void theHandlerNeedsTheCommunityLinkFromTheTemplate() {
        assertThatThrownBy(() -> new SupportSuggestionsHandler(FunctionEnvironment.of(Map.of(), Clock.systemUTC())))
                .hasMessageContaining("COMMUNITY_FORUM_URL");
    }
}
