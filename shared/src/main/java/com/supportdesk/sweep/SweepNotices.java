package com.supportdesk.sweep;

import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.DueEvent;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.Channel;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationDetails;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is told about each thing the sweep records, and what the message needs (SPEC section 7):
 * <ul>
 *   <li>warning: the support queue, and on-call for severity A;</li>
 *   <li>breach: the admin, the support queue, and for A the case's owner, or a page to on-call when nobody
 *       owns it; a breach whose late response came before the sweep saw it is recorded but told to nobody,
 *       since nothing is left to do;</li>
 *   <li>follow-up overdue: the support queue, and for A the case's owner, or on-call when nobody owns it;</li>
 *   <li>downgrade notice, downgrade and auto-close: the admin, by the case contact's preferred method.</li>
 * </ul>
 * Requests carry references and texts for the templates, never an address. Their ids are
 * {@code <caseId>#<type>#<due instant>}, with {@code #<recipient>} when one event goes to several, so a
 * request published twice is the same request to the dispatcher.
 */
final class SweepNotices {
    /** {@code reason} of the agents' requests: a few English words (customers' messages explain in their language). */
    static final String WARNING_REASON = "initial response due soon";

    static final String BREACH_REASON = "no initial response by the due time";
    static final String FOLLOW_UP_REASON = "no agent update within the follow-up interval";

    private SweepNotices() {}

    /** Who is told about {@code event} on {@code c} (before any change the event makes). */
    static List<Recipient> recipients(SupportCase c, DueEvent event) {
        Recipient admin = Recipient.caseContact(channel(c));
        List<Recipient> to = new ArrayList<>();
        switch (event) {
            case DueEvent.Warning w -> {
                to.add(Recipient.supportQueue());
                if (w.severity() == Severity.A) {
                    to.add(Recipient.onCall());
                }
            }
            case DueEvent.Breach b -> {
                if (b.unanswered()) {
                    to.add(admin);
                    to.add(Recipient.supportQueue());
                    if (b.severity() == Severity.A) {
                        to.add(ownerOrOnCall(c));
                    }
                }
            }
            case DueEvent.FollowUpOverdue f -> {
                to.add(Recipient.supportQueue());
                if (f.severity() == Severity.A) {
                    to.add(ownerOrOnCall(c));
                }
            }
            case DueEvent.DowngradeNotice n -> to.add(admin);
            case DueEvent.Downgrade d -> to.add(admin);
            case DueEvent.AutoClose a -> to.add(admin);
        }
        return to;
    }

    /** The agent who owns the case when someone does (the dispatcher reads who from the case), else on-call. */
    private static Recipient ownerOrOnCall(SupportCase c) {
        return c.owner().isPresent() ? Recipient.caseOwner() : Recipient.onCall();
    }

    /** The requests that tell {@code recipients} about {@code event}. */
    static List<NotificationRequest> requests(SupportCase c, DueEvent event, List<Recipient> recipients, Instant now) {
        NotificationType type = type(event);
        Map<String, String> details = details(c, event);
        List<NotificationRequest> requests = new ArrayList<>();
        for (Recipient recipient : recipients) {
            String id = c.caseId() + "#" + type + "#" + event.dueAt()
                    + (recipients.size() > 1 ? "#" + recipient.ref() : "");
            requests.add(NotificationRequest.of(
                    id, type, c.tenantId(), c.caseId(), recipient, c.contact().language(), now, details));
        }
        return requests;
    }

    static NotificationType type(DueEvent event) {
        return switch (event) {
            case DueEvent.Warning w -> NotificationType.SLA_WARNING;
            case DueEvent.Breach b -> NotificationType.SLA_BREACH;
            case DueEvent.FollowUpOverdue f -> NotificationType.FOLLOW_UP_OVERDUE;
            case DueEvent.DowngradeNotice n -> NotificationType.DOWNGRADE_NOTICE;
            case DueEvent.Downgrade d -> NotificationType.SEVERITY_DOWNGRADED;
            case DueEvent.AutoClose a -> NotificationType.CASE_AUTO_CLOSED;
        };
    }

    /**
     * What a message needs beyond the case, as text, under the keys of {@link NotificationDetails}; instants in
     * ISO-8601 UTC. {@code dueAt} is always the due instant the event is about, the one its id names.
     */
    static Map<String, String> details(SupportCase c, DueEvent event) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(NotificationDetails.DUE_AT, event.dueAt().toString());
        switch (event) {
            case DueEvent.Warning w -> {
                d.put(NotificationDetails.SEVERITY, w.severity().name());
                d.put(NotificationDetails.REASON, WARNING_REASON);
            }
            case DueEvent.Breach b -> {
                d.put(NotificationDetails.SEVERITY, b.severity().name());
                d.put(NotificationDetails.REASON, BREACH_REASON);
            }
            case DueEvent.FollowUpOverdue f -> {
                d.put(NotificationDetails.SEVERITY, f.severity().name());
                d.put(NotificationDetails.REASON, FOLLOW_UP_REASON);
            }
            case DueEvent.DowngradeNotice n -> {
                d.put(NotificationDetails.SEVERITY, n.from().name());
                d.put(NotificationDetails.FROM_SEVERITY, n.from().name());
                d.put(NotificationDetails.TO_SEVERITY, n.to().name());
                d.put(NotificationDetails.DOWNGRADE_AT, n.dueAt().toString());
            }
            case DueEvent.Downgrade g -> {
                d.put(NotificationDetails.SEVERITY, g.to().name());
                d.put(NotificationDetails.FROM_SEVERITY, g.from().name());
                d.put(NotificationDetails.TO_SEVERITY, g.to().name());
                d.put(NotificationDetails.DOWNGRADE_AT, g.dueAt().toString());
            }
            case DueEvent.AutoClose a ->
                d.put(NotificationDetails.SEVERITY, c.severity().name());
        }
        return d;
    }

    /** How a recipient is named in the history: {@code CASE_CONTACT:EMAIL}, {@code SUPPORT_QUEUE}, ... */
    static String label(Recipient r) {
        return r.channel() == null ? r.ref() : r.ref() + ":" + r.channel();
    }

    /** The case contact's channel: by phone means SMS, as for every other notice to the admin. */
    private static Channel channel(SupportCase c) {
        return c.contact().preferredMethod() == ContactMethod.PHONE ? Channel.SMS : Channel.EMAIL;
    }
}
