package com.supportdesk.notifications.dispatch;

import com.supportdesk.notifications.requests.NotificationType;
import java.util.List;
import java.util.Optional;

/**
 * What the dispatcher did with one queued request.
 *
 * @param notificationId empty when the body was not a request at all
 * @param type           empty when the body was not a request at all
 * @param problem        why a request was rejected or failed, in words safe to log
 */
public record DispatchResult(
        Status status,
        Optional<String> notificationId,
        Optional<NotificationType> type,
        List<Delivered> deliveries,
        Optional<String> problem) {

    /** Where the request stands. */
    public enum Status {
        /** Every delivery is done (sent, or recorded as undeliverable): the queue may forget it. */
        DONE,
        /** At least one delivery must be tried again: the queue delivers the request again later. */
        RETRY,
        /**
         * Not a request the dispatcher can act on (unreadable, a newer schema, no template for its
         * recipient, an unknown case): kept by the queue, and after its last receive by the dead-letter
         * queue, where an operator sees it.
         */
        REJECTED
    }

    /** One delivery's outcome. */
    public record Delivered(DeliveryChannel channel, DeliveryOutcome outcome) {}

    public DispatchResult {
        deliveries = List.copyOf(deliveries);
    }

    /** Whether the queue may delete the message. */
    public boolean done() {
        return status == Status.DONE;
    }
}
