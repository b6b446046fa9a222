package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.SentEmail;
import java.util.ArrayList;
import java.util.List;

/** The mail aws-ses-v2-local received, read from its {@code GET /store} (subject, body.text, body.html). */
public final class SesMailbox {
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
        return SentEmail.getJson(aws.emulators().sesEndpoint().resolve("/store"));
    }
}
