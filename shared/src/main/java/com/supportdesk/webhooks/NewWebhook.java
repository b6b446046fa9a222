package com.supportdesk.webhooks;

import java.util.List;

/**
 * The body of {@code POST /webhooks}.
 *
 * @param url    an https URL (for WeCom, DingTalk and Feishu: the bot's webhook address as the platform gives it)
 * @param events notification types ({@link WebhookEvents#SUPPORTED})
 * @param secret the signing secret (for DingTalk the robot's {@code SEC…} secret, for Feishu the bot's
 *               signature key); never returned
 */
public record NewWebhook(String name, String url, String format, List<String> events, String secret) {
    @Override
    public String toString() {
        return "NewWebhook[redacted]";
    }
}
