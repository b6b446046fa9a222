package com.supportdesk.notifications.delivery;

/**
 * One notification in one language: a subject and plain-text body for email, and a short text for SMS.
 * {@link #toString()} names neither, so a message can never reach a log line by accident.
 */
public record Message(String subject, String text, String sms) {

    @Override
    public String toString() {
        return "Message[redacted]";
    }
}
