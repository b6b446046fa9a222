package com.supportdesk.sla;

/** Where an initial-response clock stands. */
public enum ResponseState {
    /** No response yet and the due time has not passed. */
    RUNNING,
    /** An agent responded at or before the due time. */
    MET,
    /** The due time passed without a response (the response, if any, came later). */
    BREACHED,
    /** The case was resolved, closed or cancelled before the due time without an agent response. */
    STOPPED
}
