package com.supportdesk.cases;

import com.supportdesk.api.Validate;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Severity;

/** Bodies of the case API's writes. */
public final class CaseChanges {
    public static final int MAX_MESSAGE = 8000;
    public static final int MAX_REASON = 1000;

    private CaseChanges() {}

    /** {@code POST /cases/{caseId}/responses}: an agent's answer, optionally moving the case on. */
    public record AgentResponse(String message, CaseStatus status) {
        AgentResponse validated() {
            if (status != null
                    && status != CaseStatus.IN_PROGRESS
                    && status != CaseStatus.AWAITING_CUSTOMER
                    && status != CaseStatus.RESOLVED) {
                throw Validate.invalid("status", "responseStatus");
            }
            return new AgentResponse(Validate.text("message", message, MAX_MESSAGE), status);
        }
    }

    /** {@code POST /cases/{caseId}/replies}: the customer's answer. */
    public record CustomerReply(String message) {
        CustomerReply validated() {
            return new CustomerReply(Validate.text("message", message, MAX_MESSAGE));
        }
    }

    /**
     * {@code PATCH /cases/{caseId}}: a new severity and/or status, always with a reason. With {@code version}
     * the change applies only to that version (a conflict otherwise); without it, to the current one.
     */
    public record Change(Severity severity, CaseStatus status, String reason, Long version) {
        Change validated() {
            if (severity == null && status == null) {
                throw Validate.invalid("severity", "severityOrStatus");
            }
            if (version != null && version < 1) {
                throw Validate.invalid("version", "caseVersion");
            }
            return new Change(severity, status, Validate.text("reason", reason, MAX_REASON), version);
        }
    }

    /**
     * {@code PUT /cases/{caseId}/owner}: the agent (token subject) who owns the case from now on, optionally why.
     * With {@code version} it applies only to that version of the case.
     */
    public record Assignment(String agentId, String reason, Long version) {
        Assignment validated() {
            if (version != null && version < 1) {
                throw Validate.invalid("version", "caseVersion");
            }
            return new Assignment(
                    Validate.id("agentId", agentId), Validate.optionalText("reason", reason, MAX_REASON), version);
        }
    }

    /** {@code POST /cases/{caseId}/escalations}: the level the case moves to, and why (required). */
    public record Escalation(EscalationLevel level, String reason, Long version) {
        Escalation validated() {
            Validate.present("level", level);
            if (version != null && version < 1) {
                throw Validate.invalid("version", "caseVersion");
            }
            return new Escalation(level, Validate.text("reason", reason, MAX_REASON), version);
        }
    }
}
