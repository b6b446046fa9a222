package com.supportdesk.cases;

/** How a case reached the desk: online by the organisation's administrator, or by phone through an agent. */
public enum OpenedVia {
    /** Opened by an administrator of the organisation. */
    ONLINE,
    /** Opened by an agent for a caller verified by PIN (the grant is in the SUBMITTED history entry). */
    PHONE
}
