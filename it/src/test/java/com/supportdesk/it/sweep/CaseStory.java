package com.supportdesk.it.sweep;

import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseContact;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.OpenedVia;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.ids.Ids;
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

/** A case's history told step by step, as the case API records it, to store straight in a table. */
final class CaseStory {
    private final String caseId = Ids.next("CS", 3);
    private final String tenantId;
    private final Category category;
    private final List<CaseEvent> history = new ArrayList<>();
    private Severity severity;
    private CaseStatus status = CaseStatus.OPEN;
    private Instant last;

    private CaseStory(String tenantId, Category category, Severity severity, Instant at) {
        this.tenantId = tenantId;
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

    static CaseStory technical(String tenantId, Severity severity, Instant at) {
        return new CaseStory(tenantId, Category.TECHNICAL, severity, at);
    }

    static CaseStory billing(String tenantId, Severity severity, Instant at) {
        return new CaseStory(tenantId, Category.BILLING, severity, at);
    }

    CaseStory respond(Instant at) {
        add(new CaseEvent(CaseEventType.AGENT_RESPONDED, at, "agent-1", Actor.AGENT, null, null, null, null, "MSG-1"));
        return status == CaseStatus.OPEN ? status(at, CaseStatus.IN_PROGRESS) : this;
    }

    CaseStory await(Instant at) {
        return status(at, CaseStatus.AWAITING_CUSTOMER);
    }

    CaseStory resolve(Instant at) {
        return status(at, CaseStatus.RESOLVED);
    }

    private CaseStory status(Instant at, CaseStatus to) {
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
                tenantId,
                category,
                category == Category.TECHNICAL ? ServiceName.EXCHANGE_ONLINE : null,
                "Shared mailbox permissions",
                "Members cannot send as the shared mailbox.",
                severity,
                severity == Severity.A ? "All staff blocked" : null,
                new CaseContact("Li Na", "li.na@contoso.example", "+8613800138000", ContactMethod.EMAIL, Language.EN),
                status,
                List.of(),
                history,
                OpenedVia.ONLINE,
                1,
                history.get(0).at(),
                "admin-1",
                last,
                null);
    }
}
