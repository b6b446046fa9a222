package com.supportdesk.cases;

/** What a history entry records. A resolution is a {@link #STATUS_CHANGED} to RESOLVED. */
public enum CaseEventType {
    SUBMITTED,
    SEVERITY_CHANGED,
    STATUS_CHANGED,
    AGENT_RESPONDED,
    CUSTOMER_REPLIED
}
