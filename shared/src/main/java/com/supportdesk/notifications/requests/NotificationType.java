package com.supportdesk.notifications.requests;

/** What a notification request asks the dispatcher to tell someone. */
public enum NotificationType {
    /** A case was opened: tell the admin, by their preferred method. */
    CASE_ACKNOWLEDGEMENT,
    /** An agent responded on a case: tell the admin. */
    CASE_RESPONSE
}
