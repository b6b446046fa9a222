package com.supportdesk.sweep;

import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseContact;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.OpenedVia;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A case's history told step by step, the way the case API would record it. */
final class Story {
    private final String caseId;
    private final Category category;
    private final List<CaseEvent> history = new ArrayList<>();
    private Severity severity;
    private CaseStatus status = CaseStatus.OPEN;
    private ContactMethod method = ContactMethod.EMAIL;
    private Instant last;

    private Story(String caseId, Category category, Severity severity, Instant at) {
        this.caseId = caseId;
        this.category = category;
        this.severity = severity;
        this.last = at;
        history.add(new CaseEvent(
                CaseEventType.SUBMITTED, at, "admin-1", Actor.ADMIN, null, severity, CaseStatus.OPEN, null, null));
    }

    /** Beijing wall-clock time, e.g. {@code bj("2026-03-02T09:00")}. */
    static Instant bj(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8));
    }

    static Story technical(Severity severity, Instant at) {
        return new Story("CS-TEST-0000-0001", Category.TECHNICAL, severity, at);
    }

    static Story billing(Severity severity, Instant at) {
        return new Story("CS-TEST-0000-0002", Category.BILLING, severity, at);
    }

    Story byPhone() {
        method = ContactMethod.PHONE;
        return this;
    }

    Story respond(Instant at) {
        add(new CaseEvent(CaseEventType.AGENT_RESPONDED, at, "agent-1", Actor.AGENT, null, null, null, null, "MSG-1"));
        return status == CaseStatus.OPEN ? status(at, CaseStatus.IN_PROGRESS) : this;
    }

    Story await(Instant at) {
        return status(at, CaseStatus.AWAITING_CUSTOMER);
    }

    Story reply(Instant at) {
        add(new CaseEvent(CaseEventType.CUSTOMER_REPLIED, at, "admin-1", Actor.ADMIN, null, null, null, null, "MSG-2"));
        return status == CaseStatus.AWAITING_CUSTOMER ? status(at, CaseStatus.IN_PROGRESS) : this;
    }

    Story resolve(Instant at) {
        return status(at, CaseStatus.RESOLVED);
    }

    Story severity(Instant at, Severity to) {
        add(new CaseEvent(
                CaseEventType.SEVERITY_CHANGED, at, "agent-1", Actor.AGENT, "test", to, null, severity.name(), null));
        severity = to;
        return this;
    }

    private Story status(Instant at, CaseStatus to) {
        add(new CaseEvent(
                CaseEventType.STATUS_CHANGED, at, "agent-1", Actor.AGENT, "test", null, to, status.name(), null));
        status = to;
        return this;
    }

    private void add(CaseEvent e) {
        history.add(e);
        last = e.at();
    }

    SupportCase build() {
        return new SupportCase(
                caseId,
                "contoso",
                category,
                category == Category.TECHNICAL ? ServiceName.EXCHANGE_ONLINE : null,
                "Title",
                "Description",
                severity,
                severity == Severity.A ? "All mail is down" : null,
                new CaseContact("Li Na", "li.na@contoso.example", "+8613800138000", method, Language.JA),
                status,
                List.of(),
                history,
                OpenedVia.ONLINE,
                history.size(),
                history.get(0).at(),
                "admin-1",
                last,
                null);
    }
}
