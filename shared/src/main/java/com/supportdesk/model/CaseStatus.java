package com.supportdesk.model;

/** Case lifecycle of SPEC section 4. */
public enum CaseStatus {
    OPEN,
    IN_PROGRESS,
    AWAITING_CUSTOMER,
    RESOLVED,
    CLOSED,
    CANCELLED
}
