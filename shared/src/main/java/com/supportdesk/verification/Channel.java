package com.supportdesk.verification;

/** How a code reaches a registered contact. */
public enum Channel {
    EMAIL, SMS
}
