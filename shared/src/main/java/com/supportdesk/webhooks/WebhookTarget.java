package com.supportdesk.webhooks;

/**
 * Where and how to sign: the full URL (which for WeCom, DingTalk and Feishu bots holds the bot's own key or
 * token) and the secret. Both are kept sealed ({@link WebhookSeal}); neither is ever returned or logged.
 */
public record WebhookTarget(String url, String secret) {
    @Override
    public String toString() {
        return "WebhookTarget[redacted]";
    }
}
