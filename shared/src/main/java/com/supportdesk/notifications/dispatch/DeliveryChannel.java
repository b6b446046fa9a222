package com.supportdesk.notifications.dispatch;

/** How one delivery goes out; also the {@code Channel} dimension of the dispatcher's metrics. */
public enum DeliveryChannel {
    /** SES v2 to one address. */
    EMAIL,
    /** SNS {@code Publish} to one phone number. */
    SMS,
    /** SNS {@code Publish} to the agents' support-queue topic. */
    SUPPORT_QUEUE,
    /** SNS {@code Publish} to the on-call topic (a page). */
    ON_CALL,
    /** SNS {@code Publish} to the agents' direct topic, for the one agent its {@code agent} attribute names. */
    AGENT,
    /** An HTTPS POST to one of the organisation's webhooks (decision 0017). */
    WEBHOOK;

    /** Whether the channel reaches one person's address, which the provider may reject as invalid. */
    boolean personal() {
        return this == EMAIL || this == SMS;
    }
}
