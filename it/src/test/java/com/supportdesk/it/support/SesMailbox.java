package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The mail aws-ses-v2-local received, read from its {@code GET /store} (subject, body.text, body.html). */
public final class SesMailbox {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SesMailbox() {}

    /** Every email sent to {@code address}, oldest first. */
    public static List<JsonNode> mailsTo(LocalAws aws, String address) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode mail : store(aws).path("emails")) {
            for (JsonNode to : mail.path("destination").path("to")) {
                if (to.asText().equalsIgnoreCase(address)) {
                    result.add(mail);
                }
            }
        }
        return result;
    }

    private static JsonNode store(LocalAws aws) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    aws.emulators().sesEndpoint().toString().replaceAll("/$", "") + "/store"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
