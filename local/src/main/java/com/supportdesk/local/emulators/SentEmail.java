package com.supportdesk.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** An email as the local SES endpoint recorded it. */
public record SentEmail(String messageId, String from, List<String> to, String subject, String text, String html) {

    public SentEmail {
        to = List.copyOf(to);
    }

    /** The text part, or the HTML part when there is no text part. */
    public String content() {
        return text != null ? text : html == null ? "" : html;
    }

    public static JsonNode getJson(URI uri) {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
