package com.supportdesk.notifications.requests;

/** Where notification requests go (the notifications topic when deployed). */
public interface NotificationPublisher {

    /** @throws RuntimeException when the request could not be handed over; the caller keeps it to retry */
    void publish(NotificationRequest request);
}
