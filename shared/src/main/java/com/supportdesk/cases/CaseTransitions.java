package com.supportdesk.cases;

import static com.supportdesk.model.CaseStatus.AWAITING_CUSTOMER;
import static com.supportdesk.model.CaseStatus.CANCELLED;
import static com.supportdesk.model.CaseStatus.CLOSED;
import static com.supportdesk.model.CaseStatus.IN_PROGRESS;
import static com.supportdesk.model.CaseStatus.OPEN;
import static com.supportdesk.model.CaseStatus.RESOLVED;

import com.supportdesk.i18n.Text;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.refusal.Refusal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The case lifecycle: OPEN → IN_PROGRESS ⇄ AWAITING_CUSTOMER → RESOLVED → CLOSED, and CANCELLED by the
 * admin before resolution. An agent's first response may take an OPEN case straight to AWAITING_CUSTOMER.
 * Anything else is refused as a conflict.
 */
public final class CaseTransitions {
    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = new EnumMap<>(CaseStatus.class);

    static {
        NEXT.put(OPEN, EnumSet.of(IN_PROGRESS, AWAITING_CUSTOMER, CANCELLED));
        NEXT.put(IN_PROGRESS, EnumSet.of(AWAITING_CUSTOMER, RESOLVED, CANCELLED));
        NEXT.put(AWAITING_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED));
        NEXT.put(RESOLVED, EnumSet.of(CLOSED));
        NEXT.put(CLOSED, EnumSet.noneOf(CaseStatus.class));
        NEXT.put(CANCELLED, EnumSet.noneOf(CaseStatus.class));
    }

    private CaseTransitions() {}

    public static boolean allowed(CaseStatus from, CaseStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static void require(String caseId, CaseStatus from, CaseStatus to) {
        if (!allowed(from, to)) {
            throw Refusal.conflict(
                    "INVALID_TRANSITION",
                    NEXT.get(from).isEmpty()
                            ? Text.of("INVALID_TRANSITION.none", "caseId", caseId, "from", from.name(), "to", to.name())
                            : new Text(
                                    "INVALID_TRANSITION",
                                    java.util.Map.of(
                                            "caseId",
                                            caseId,
                                            "from",
                                            from.name(),
                                            "to",
                                            to.name(),
                                            "allowed",
                                            NEXT.get(from).toString())));
        }
    }

    /** Whether agents and customers can still talk on the case. */
    public static boolean isActive(CaseStatus status) {
        return status == OPEN || status == IN_PROGRESS || status == AWAITING_CUSTOMER;
    }
}
