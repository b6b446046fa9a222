package com.supportdesk.cases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who acted in a case's history or wrote a message: the organisation's administrator, a support agent,
 * or the desk itself (the SLA sweep). Written and shown in lower case, as the API always has.
 */
public enum Actor {
    ADMIN,
    AGENT,
    SYSTEM;

    /** The subject recorded for what the desk does on its own. */
    public static final String SYSTEM_SUBJECT = "support-desk";

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Actor fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
