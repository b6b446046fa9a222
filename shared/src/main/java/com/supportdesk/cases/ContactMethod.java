package com.supportdesk.cases;

/** How the admin who opened a case wants to hear from support. */
public enum ContactMethod {
    EMAIL,
    PHONE
}
