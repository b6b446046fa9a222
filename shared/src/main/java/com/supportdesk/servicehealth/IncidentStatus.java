package com.supportdesk.servicehealth;

/** An incident is ACTIVE until an operator resolves it. */
public enum IncidentStatus {
    ACTIVE,
    RESOLVED
}
