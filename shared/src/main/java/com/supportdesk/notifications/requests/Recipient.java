package com.supportdesk.notifications.requests;

import com.supportdesk.model.Channel;

/**
 * Who receives a notification, by reference: the dispatcher looks the address up where it is kept, so no
 * address travels through the topic or the queue.
 *
 * @param ref     one of {@link #CASE_CONTACT}, {@link #REGISTERED_CONTACTS}, {@link #SUPPORT_QUEUE}, {@link #ON_CALL},
 *                {@link #CASE_OWNER}
 * @param channel the channel the recipient prefers; null for the agents' topics and for registered
 *                contacts (each contact is reached by its own channel)
 */
public record Recipient(String ref, Channel channel) {
    /** The contact stored on the case, by the channel of their preferred method. */
    public static final String CASE_CONTACT = "CASE_CONTACT";
    /** Every contact registered on the organisation's profile, each by its own channel. */
    public static final String REGISTERED_CONTACTS = "REGISTERED_CONTACTS";
    /** The agents' support-queue topic. */
    public static final String SUPPORT_QUEUE = "SUPPORT_QUEUE";
    /** The on-call topic (pages): severity-A breaches, warnings and overdue follow-ups. */
    public static final String ON_CALL = "ON_CALL";

    /**
     * The agent who owns the case when the message goes out, on the agents' direct topic (each agent's
     * subscription filters on the {@code agent} attribute); on-call when nobody owns it by then.
     */
    public static final String CASE_OWNER = "CASE_OWNER";

    public static Recipient caseContact(Channel channel) {
        return new Recipient(CASE_CONTACT, channel);
    }

    public static Recipient registeredContacts() {
        return new Recipient(REGISTERED_CONTACTS, null);
    }

    public static Recipient supportQueue() {
        return new Recipient(SUPPORT_QUEUE, null);
    }

    public static Recipient onCall() {
        return new Recipient(ON_CALL, null);
    }

    public static Recipient caseOwner() {
        return new Recipient(CASE_OWNER, null);
    }
}
