package com.supportdesk.notifications.requests;

import com.supportdesk.model.Channel;

/**
 * Who receives a notification, by reference: the dispatcher looks the address up where it is kept
 * (for {@code CASE_CONTACT}, the contact stored on the case), so no address travels through the topic.
 *
 * @param ref     {@code CASE_CONTACT}
 * @param channel the channel the recipient prefers
 */
public record Recipient(String ref, Channel channel) {
    public static final String CASE_CONTACT = "CASE_CONTACT";

    public static Recipient caseContact(Channel channel) {
        return new Recipient(CASE_CONTACT, channel);
    }
}
