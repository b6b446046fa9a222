package com.supportdesk.webhooks;

/**
 * How a delivery's body is shaped and which extra signing the receiving platform expects. Every format
 * also carries the desk's own signature headers ({@link WebhookSigning}).
 */
public enum WebhookFormat {
    /** The desk's own JSON event, for any HTTPS receiver. */
    GENERIC,
    /** WeCom (企业微信) group bot: {@code msgtype: markdown}; the key is in the URL, the platform signs nothing. */
    WECOM,
    /** DingTalk (钉钉) custom robot: {@code msgtype: markdown}, {@code timestamp} and {@code sign} query parameters. */
    DINGTALK,
    /** Feishu (飞书) custom bot: {@code msg_type: text}, {@code timestamp} and {@code sign} in the JSON body. */
    FEISHU
}
