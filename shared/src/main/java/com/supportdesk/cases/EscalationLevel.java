package com.supportdesk.cases;

/**
 * Who works on a case: first-line support (every case starts here), second-line support, or the product's
 * engineering team. A case moves between levels with a reason, recorded in its history
 * ({@link CaseEventType#ESCALATION_CHANGED}); the level is what the organisation's administrator sees of it.
 */
public enum EscalationLevel {
    L1,
    L2,
    ENGINEERING;

    /** Where every case starts. */
    public static final EscalationLevel FIRST = L1;
}
