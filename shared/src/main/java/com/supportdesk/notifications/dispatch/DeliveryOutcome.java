package com.supportdesk.notifications.dispatch;

/** What became of one delivery in one attempt. */
public enum DeliveryOutcome {
    /** Handed to SES or SNS and recorded SENT. */
    SENT,
    /**
     * Sent after taking over a claim whose holder stopped before recording anything: the holder may have
     * sent it too. Counted as {@code PossibleDuplicate}.
     */
    SENT_AFTER_TAKEOVER,
    /** An earlier attempt sent it: nothing was sent now. */
    ALREADY_SENT,
    /** An earlier attempt found it undeliverable: nothing was sent now. */
    ALREADY_UNDELIVERABLE,
    /** Another attempt holds it right now (a duplicate of the queue message): the queue asks again later. */
    HELD_ELSEWHERE,
    /** The provider failed or throttled: the queue delivers the request again later. */
    RETRY_LATER,
    /** The provider rejected the address or the message for good: recorded, not retried. */
    UNDELIVERABLE;

    /** Whether the queue must deliver the request again. */
    public boolean needsRetry() {
        return this == HELD_ELSEWHERE || this == RETRY_LATER;
    }
}
