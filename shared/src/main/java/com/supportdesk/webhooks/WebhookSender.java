package com.supportdesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.time.Clock;

/**
 * Delivers one event to one webhook: builds and signs the request at the moment of sending, posts it
 * ({@link WebhookHttp}) and reads the answer. A 2xx is delivered, except that WeCom and DingTalk answer
 * {@code {"errcode":…}} and Feishu {@code {"code":…}} with 200 when they refuse a message (a bad signature,
 * a rate limit): anything but 0 there is a failure too. Every failure throws {@link WebhookHttp.Failure}.
 */
public final class WebhookSender {
    private final WebhookHttp http;
    private final Clock clock;

    public WebhookSender(WebhookHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** @return what stands for the provider's message id: {@code HTTP <status>} */
    public String send(WebhookFormat format, WebhookTarget target, WebhookEvent event, String deliveryId) {
        WebhookPayloads.Request request = WebhookPayloads.build(format, target, event, deliveryId, clock.instant());
        WebhookHttp.Response response = http.post(request.url(), request.headers(), request.body());
        int status = response.status();
        if (status >= 300 && status < 400) {
            throw new WebhookHttp.Failure("REDIRECT_NOT_FOLLOWED", false);
        }
        if (status < 200 || status >= 300) {
            throw new WebhookHttp.Failure("HTTP_" + status, false);
        }
        String field =
                switch (format) {
                    case WECOM, DINGTALK -> "errcode";
                    case FEISHU -> "code";
                    case GENERIC -> null;
                };
        if (field != null) {
            long code = platformCode(response.body(), field);
            if (code != 0) {
                throw new WebhookHttp.Failure(format + "_ERROR_" + code, false);
            }
        }
        return "HTTP " + status;
    }

    /** The platform's result code; 0 when the answer has none (not JSON, or no such field). */
    private static long platformCode(String body, String field) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            return json != null && json.path(field).canConvertToLong()
                    ? json.path(field).asLong()
                    : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
