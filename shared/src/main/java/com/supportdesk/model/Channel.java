package com.supportdesk.model;

/**
 * How a registered contact is reached: by email or by SMS. The one channel type of the code base; case
 * notification requests use it too, so a contact's channel means the same wherever it travels.
 */
public enum Channel {
    EMAIL,
    SMS
}
