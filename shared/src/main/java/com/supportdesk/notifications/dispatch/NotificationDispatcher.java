package com.supportdesk.notifications.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseDeliveryFailures;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.CaseMessage;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.StoredCase;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.model.Channel;
import com.supportdesk.model.Language;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.notifications.templates.CaseFacts;
import com.supportdesk.notifications.templates.MessageModel;
import com.supportdesk.notifications.templates.MessageTemplates;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.runtime.Log;
import com.supportdesk.sla.SlaStatus;
import com.supportdesk.verification.Masks;
import com.supportdesk.webhooks.WebhookEvent;
import com.supportdesk.webhooks.WebhookMessages;
import com.supportdesk.webhooks.WebhookSubscribers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one queued notification request into messages and sends each exactly once (SPEC section 7):
 *
 * <ol>
 *   <li>reads the request (a body that is not a version-1 request is {@link DispatchResult.Status#REJECTED});</li>
 *   <li>finds its recipients by reference: the case's contact by their preferred method and language,
 *       every contact registered on the organisation's profile (email or SMS each), or the agents'
 *       support-queue or on-call topic;</li>
 *   <li>renders each message from its template;</li>
 *   <li>for each recipient claims a delivery record, hands the message to SES or SNS, and records it
 *       SENT. A recipient already sent to, or held by another attempt, is skipped; a failure is retried by
 *       the queue; a recipient whose address the provider rejects for good is recorded as undeliverable
 *       (on the case too) and not tried again.</li>
 * </ol>
 *
 * Nothing here knows about Lambda or SQS: the handler hands over message bodies and reports back what
 * is not {@link DispatchResult#done() done}. The one window for a duplicate is described in
 * {@link DeliveryRecords} and docs/decisions/0007-notification-delivery.md.
 */
public final class NotificationDispatcher {
    private final CaseRepository cases;
    private final CaseSla sla;
    private final OrganizationRepository organizations;
    private final DeliveryRecords records;
    private final DeliveryChannels channels;
    private final CaseDeliveryFailures caseFailures;
    private final MessageTemplates templates;
    private final ZoneId zone;
    private final Clock clock;
    private final Optional<WebhookSubscribers> webhooks;

    /** @param zone the support desk's zone, in which messages write times */
    public NotificationDispatcher(
            CaseRepository cases,
            CaseSla sla,
            OrganizationRepository organizations,
            DeliveryRecords records,
            DeliveryChannels channels,
            MessageTemplates templates,
            ZoneId zone,
            Clock clock) {
        this(cases, sla, organizations, records, channels, templates, zone, clock, Optional.empty());
    }

    /**
     * @param webhooks the organisations' webhooks: a request of a type a webhook subscribes to is delivered
     *                 to it too, once per event (decision 0017)
     */
    public NotificationDispatcher(
            CaseRepository cases,
            CaseSla sla,
            OrganizationRepository organizations,
            DeliveryRecords records,
            DeliveryChannels channels,
            MessageTemplates templates,
            ZoneId zone,
            Clock clock,
            Optional<WebhookSubscribers> webhooks) {
        this.webhooks = webhooks;
        this.cases = cases;
        this.sla = sla;
        this.organizations = organizations;
        this.records = records;
        this.channels = channels;
        this.caseFailures = new CaseDeliveryFailures(cases);
        this.templates = templates;
        this.zone = zone;
        this.clock = clock;
    }

    /** Never throws: every outcome, an unexpected failure included, is in the result. */
    public DispatchResult dispatch(String body) {
        NotificationRequest request;
        try {
            request = parse(body);
        } catch (Rejected e) {
            Log.info("notification_rejected", Map.of("problem", e.getMessage()));
            return new DispatchResult(
                    DispatchResult.Status.REJECTED,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.of(e.getMessage()));
        }
        List<Delivery> deliveries;
        // A webhook list that cannot be read (the table, the key) must not hold up the mail, the SMS or the
        // page: the others go out now, and the request goes back to the queue for the webhooks alone (the
        // delivery records keep what went out from going twice).
        boolean webhooksLeft = false;
        try {
            deliveries = plan(request);
            try {
                deliveries = withWebhooks(request, deliveries);
            } catch (RuntimeException e) {
                Log.error(
                        "notification_webhooks_not_planned",
                        fields(request, Map.of("exception", e.getClass().getName())),
                        e);
                webhooksLeft = true;
            }
        } catch (Rejected e) {
            log("notification_rejected", request, Map.of("problem", e.getMessage()));
            return result(request, DispatchResult.Status.REJECTED, List.of(), e.getMessage());
        } catch (RuntimeException e) {
            Log.error(
                    "notification_not_planned",
                    fields(request, Map.of("exception", e.getClass().getName())),
                    e);
            return result(
                    request,
                    DispatchResult.Status.RETRY,
                    List.of(),
                    e.getClass().getSimpleName());
        }
        List<DispatchResult.Delivered> delivered = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            delivered.add(new DispatchResult.Delivered(delivery.channel(), deliver(request, delivery)));
        }
        boolean retry =
                webhooksLeft || delivered.stream().anyMatch(d -> d.outcome().needsRetry());
        return result(request, retry ? DispatchResult.Status.RETRY : DispatchResult.Status.DONE, delivered, null);
    }

    // ------------------------------------------------------------------ reading

    /** Why a request cannot be acted on; the message names no address and no content. */
    private static final class Rejected extends Exception {
        Rejected(String problem) {
            super(problem, null, false, false);
        }
    }

    private static NotificationRequest parse(String body) throws Rejected {
        if (body == null || body.isBlank()) {
            throw new Rejected("empty message body");
        }
        NotificationRequest request;
        try {
            request = Json.MAPPER.readValue(body, NotificationRequest.class);
        } catch (JsonProcessingException e) {
            // the exception's message may quote the body: only its kind is kept
            throw new Rejected("not a notification request (" + e.getClass().getSimpleName() + ")");
        }
        if (request == null) {
            throw new Rejected("not a notification request (null)");
        }
        if (!NotificationRequest.SCHEMA.equals(request.schema())) {
            throw new Rejected("unknown schema " + request.schema());
        }
        if (request.version() != NotificationRequest.VERSION) {
            throw new Rejected("request version " + request.version() + " is not supported (this dispatcher reads "
                    + NotificationRequest.VERSION + ")");
        }
        return request;
    }

    // ------------------------------------------------------------------ recipients and messages

    private List<Delivery> plan(NotificationRequest request) throws Rejected {
        String ref = request.recipient().ref();
        if (ref == null) {
            throw new Rejected("no recipient");
        }
        return switch (ref) {
            case Recipient.CASE_CONTACT -> List.of(caseContact(request));
            case Recipient.REGISTERED_CONTACTS -> registeredContacts(request);
            case Recipient.SUPPORT_QUEUE -> List.of(agents(request, DeliveryChannel.SUPPORT_QUEUE));
            case Recipient.ON_CALL -> List.of(agents(request, DeliveryChannel.ON_CALL));
            case Recipient.CASE_OWNER -> List.of(owner(request));
            default -> throw new Rejected("unknown recipient " + ref);
        };
    }

    private Delivery caseContact(NotificationRequest request) throws Rejected {
        requireTemplates(MessageTemplates.FOR_CUSTOMERS, request, "a customer");
        StoredCase stored = requireCase(request);
        SupportCase c = stored.supportCase();
        var contact = c.contact();
        Channel channel = request.recipient().channel() != null
                ? request.recipient().channel()
                : contact.preferredMethod() == ContactMethod.PHONE ? Channel.SMS : Channel.EMAIL;
        if (channel == Channel.SMS && !contact.hasPhone()) {
            channel = Channel.EMAIL; // the case has no number: mail is the way that remains
        }
        Language language = request.language() != null ? request.language() : contact.language();
        MessageModel model =
                MessageModel.of(request, language, zone, Optional.of(facts(stored, request)), Optional.empty(), false);
        return personal(request, channel, channel == Channel.SMS ? contact.phone() : contact.email(), language, model);
    }

    private List<Delivery> registeredContacts(NotificationRequest request) throws Rejected {
        requireTemplates(MessageTemplates.FOR_CUSTOMERS, request, "registered contacts");
        Organization org = organizations
                .find(request.tenantId())
                .orElseThrow(() -> new Rejected("unknown organisation " + request.tenantId()));
        Optional<CaseFacts> facts =
                request.caseId() == null ? Optional.empty() : Optional.of(facts(requireCase(request), request));
        Language language = request.language() != null ? request.language() : org.language();
        MessageModel model = MessageModel.of(request, language, zone, facts, Optional.of(org.name()), false);
        List<Delivery> deliveries = new ArrayList<>();
        for (String email : org.contacts().emails()) {
            deliveries.add(personal(request, Channel.EMAIL, email, language, model));
        }
        for (String phone : org.contacts().phones()) {
            deliveries.add(personal(request, Channel.SMS, phone, language, model));
        }
        return deliveries;
    }

    private Delivery personal(
            NotificationRequest request, Channel channel, String address, Language language, MessageModel model) {
        NotificationType type = request.type();
        if (channel == Channel.SMS) {
            return Delivery.of(
                    request.notificationId(),
                    DeliveryChannel.SMS,
                    address,
                    Masks.phone(address),
                    new Delivery.Sms(templates.sms(type, language, model)));
        }
        return Delivery.of(
                request.notificationId(),
                DeliveryChannel.EMAIL,
                address,
                Masks.email(address),
                new Delivery.Mail(templates.email(type, language, model)));
    }

    /** To the agent who owns the case now, on the agents' direct topic; to on-call when nobody owns it. */
    private Delivery owner(NotificationRequest request) throws Rejected {
        Optional<String> owner = requireCase(request).supportCase().owner();
        if (owner.isEmpty() || !channels.reachesAgents()) {
            return agents(request, DeliveryChannel.ON_CALL);
        }
        return agents(request, DeliveryChannel.AGENT, owner);
    }

    private Delivery agents(NotificationRequest request, DeliveryChannel topic) throws Rejected {
        return agents(request, topic, Optional.empty());
    }

    private Delivery agents(NotificationRequest request, DeliveryChannel topic, Optional<String> agent)
            throws Rejected {
        requireTemplates(MessageTemplates.FOR_AGENTS, request, "the agents' topics");
        Optional<CaseFacts> facts =
                request.caseId() == null ? Optional.empty() : Optional.of(facts(requireCase(request), request));
        // agents read English; times are still written in the support zone
        MessageModel model =
                MessageModel.of(request, Language.EN, zone, facts, Optional.empty(), topic == DeliveryChannel.ON_CALL);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", request.type().name());
        attributes.put("severity", model.get("severity"));
        attributes.put("tenantId", request.tenantId());
        attributes.put("caseId", model.get("caseId"));
        agent.ifPresent(id -> attributes.put("agent", id));
        String topicArn = channels.topicArn(topic);
        return Delivery.of(
                request.notificationId(),
                topic,
                topicArn,
                topic.name(),
                new Delivery.TopicMessage(templates.agents(request.type(), model), attributes));
    }

    /**
     * Adds one delivery per webhook of the organisation that subscribes to the request's type, keyed on the
     * event rather than the request ({@link WebhookSubscribers#eventId}), so an event told to the admin, the
     * support queue and on-call reaches each webhook once. Written in the organisation's language.
     */
    private List<Delivery> withWebhooks(NotificationRequest request, List<Delivery> deliveries) throws Rejected {
        if (webhooks.isEmpty()) {
            return deliveries;
        }
        List<WebhookSubscribers.Subscriber> subscribers = webhooks.get().of(request.tenantId(), request.type());
        if (subscribers.isEmpty()) {
            return deliveries;
        }
        Optional<Organization> org = organizations.find(request.tenantId());
        Language language = org.map(Organization::language).orElse(Language.EN);
        Optional<CaseFacts> facts =
                request.caseId() == null ? Optional.empty() : Optional.of(facts(requireCase(request), request));
        MessageModel model = MessageModel.of(request, language, zone, facts, org.map(Organization::name), false);
        String eventId = WebhookSubscribers.eventId(request);
        WebhookEvent event = WebhookMessages.event(eventId, request, language, model);
        List<Delivery> all = new ArrayList<>(deliveries);
        for (WebhookSubscribers.Subscriber subscriber : subscribers) {
            String webhookId = subscriber.webhook().webhookId();
            all.add(Delivery.of(
                    eventId,
                    DeliveryChannel.WEBHOOK,
                    webhookId,
                    webhookId,
                    new Delivery.WebhookPost(subscriber.webhook().format(), subscriber.target(), event)));
        }
        return all;
    }

    private StoredCase requireCase(NotificationRequest request) throws Rejected {
        if (request.caseId() == null) {
            throw new Rejected(request.type() + " to " + request.recipient().ref() + " needs a caseId");
        }
        StoredCase stored =
                cases.find(request.caseId()).orElseThrow(() -> new Rejected("unknown case " + request.caseId()));
        if (!stored.supportCase().tenantId().equals(request.tenantId())) {
            throw new Rejected("case " + request.caseId() + " is not a case of tenant " + request.tenantId());
        }
        return stored;
    }

    private static void requireTemplates(
            java.util.Set<NotificationType> types, NotificationRequest request, String audience) throws Rejected {
        if (!types.contains(request.type())) {
            throw new Rejected("no template of " + request.type() + " for " + audience);
        }
    }

    /** What the templates may say about the case, as the case stands now. */
    private CaseFacts facts(StoredCase stored, NotificationRequest request) {
        SupportCase c = stored.supportCase();
        SlaStatus status = sla.status(c, clock.instant());
        return new CaseFacts(
                c.caseId(),
                c.title(),
                c.severity(),
                c.category().name(),
                c.service() == null ? "" : c.service().name(),
                c.status().name(),
                c.contact().name(),
                Optional.of(status.initialResponse().dueAt()),
                status.followUp().flatMap(SlaStatus.FollowUp::dueAt),
                status.downgrade().map(SlaStatus.Downgrade::dueAt),
                status.downgrade().map(SlaStatus.Downgrade::to),
                request.type() == NotificationType.CASE_RESPONSE ? response(stored, request) : Optional.empty());
    }

    /** The agent response a CASE_RESPONSE is about: the one recorded when the request was, else the latest before. */
    private static Optional<String> response(StoredCase stored, NotificationRequest request) {
        Instant at = request.occurredAt() == null ? Instant.MAX : request.occurredAt();
        return stored.supportCase().history().stream()
                .filter(e -> e.type() == CaseEventType.AGENT_RESPONDED && e.messageId() != null)
                .filter(e -> !e.at().isAfter(at))
                .max(Comparator.comparing(CaseEvent::at))
                .flatMap(e -> stored.messages().stream()
                        .filter(m -> m.messageId().equals(e.messageId()))
                        .map(CaseMessage::text)
                        .filter(Objects::nonNull)
                        .findFirst());
    }

    // ------------------------------------------------------------------ one delivery

    private DeliveryOutcome deliver(NotificationRequest request, Delivery delivery) {
        DeliveryRecords.Claim claim;
        try {
            claim = records.claim(
                    delivery.deliveryId(),
                    new DeliveryRecords.Description(
                            request.notificationId(),
                            request.type().name(),
                            delivery.channel().name()),
                    clock.instant());
        } catch (RuntimeException e) {
            return logged(
                    request, delivery, DeliveryOutcome.RETRY_LATER, e.getClass().getSimpleName());
        }
        return switch (claim) {
            case DeliveryRecords.Settled settled ->
                logged(
                        request,
                        delivery,
                        settled.state() == DeliveryRecords.State.SENT
                                ? DeliveryOutcome.ALREADY_SENT
                                : DeliveryOutcome.ALREADY_UNDELIVERABLE,
                        null);
            case DeliveryRecords.Busy busy -> logged(request, delivery, DeliveryOutcome.HELD_ELSEWHERE, null);
            case DeliveryRecords.Claimed claimed -> send(request, delivery, claimed);
        };
    }

    private DeliveryOutcome send(NotificationRequest request, Delivery delivery, DeliveryRecords.Claimed claimed) {
        String providerMessageId;
        try {
            providerMessageId = channels.send(delivery);
        } catch (RuntimeException e) {
            return failed(request, delivery, claimed, e);
        }
        try {
            if (!records.sent(delivery.deliveryId(), claimed.token(), providerMessageId, clock.instant())) {
                // our lease ran out while the provider was busy and another attempt took over: it sends too
                Log.info("notification_claim_lost", fields(request, Map.of("deliveryId", delivery.deliveryId())));
            }
        } catch (RuntimeException e) {
            // sent, but not recorded: the claim's lease ends and the queue's next delivery sends again.
            // That is the documented duplicate window; it is counted when it happens (PossibleDuplicate).
            Log.error(
                    "notification_sent_not_recorded",
                    fields(
                            request,
                            Map.of(
                                    "deliveryId",
                                    delivery.deliveryId(),
                                    "exception",
                                    e.getClass().getName())),
                    e);
        }
        return logged(
                request,
                delivery,
                claimed.takenOver() ? DeliveryOutcome.SENT_AFTER_TAKEOVER : DeliveryOutcome.SENT,
                null);
    }

    private DeliveryOutcome failed(
            NotificationRequest request, Delivery delivery, DeliveryRecords.Claimed claimed, RuntimeException e) {
        String code = SendFailures.errorCode(e);
        switch (SendFailures.classify(e, delivery.channel())) {
            case THROTTLED -> {
                records.release(delivery.deliveryId(), claimed.token());
                return logged(request, delivery, DeliveryOutcome.RETRY_LATER, code);
            }
            case RETRY -> {
                return logged(request, delivery, DeliveryOutcome.RETRY_LATER, code);
            }
            case PERMANENT -> {
                try {
                    if (request.caseId() != null) {
                        caseFailures.record(
                                request.caseId(), undeliverableReason(request, delivery, code), clock.instant());
                    }
                    records.undeliverable(delivery.deliveryId(), claimed.token(), code, clock.instant());
                } catch (RuntimeException recordFailure) {
                    // nothing went out: give the claim back, so the queue's next delivery starts clean
                    records.release(delivery.deliveryId(), claimed.token());
                    Log.error(
                            "notification_undeliverable_not_recorded",
                            fields(
                                    request,
                                    Map.of(
                                            "deliveryId",
                                            delivery.deliveryId(),
                                            "exception",
                                            recordFailure.getClass().getName())),
                            recordFailure);
                    return logged(request, delivery, DeliveryOutcome.RETRY_LATER, code);
                }
                return logged(request, delivery, DeliveryOutcome.UNDELIVERABLE, code);
            }
        }
        throw new AssertionError("unreachable");
    }

    private static String undeliverableReason(NotificationRequest request, Delivery delivery, String code) {
        String how =
                switch (delivery.channel()) {
                    case SMS -> "SMS";
                    case WEBHOOK -> "webhook";
                    default -> "email";
                };
        return "The " + request.type() + " notification (" + request.notificationId() + ") could not be delivered by "
                + how + " to " + delivery.masked() + ": the provider rejected it (" + code
                + "). It will not be retried; reach the contact another way.";
    }

    // ------------------------------------------------------------------ results and logs

    private static DispatchResult result(
            NotificationRequest request,
            DispatchResult.Status status,
            List<DispatchResult.Delivered> delivered,
            String problem) {
        return new DispatchResult(
                status,
                Optional.of(request.notificationId()),
                Optional.of(request.type()),
                delivered,
                Optional.ofNullable(problem));
    }

    private static DeliveryOutcome logged(
            NotificationRequest request, Delivery delivery, DeliveryOutcome outcome, String errorCode) {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("deliveryId", delivery.deliveryId());
        more.put("channel", delivery.channel().name());
        more.put("outcome", outcome.name());
        if (errorCode != null) {
            more.put("errorCode", errorCode);
        }
        log("notification_delivery", request, more);
        return outcome;
    }

    private static void log(String event, NotificationRequest request, Map<String, ?> more) {
        Log.info(event, fields(request, more));
    }

    private static Map<String, Object> fields(NotificationRequest request, Map<String, ?> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("notificationId", request.notificationId());
        fields.put("type", request.type().name());
        fields.put("tenantId", request.tenantId());
        if (request.caseId() != null) {
            fields.put("caseId", request.caseId());
        }
        fields.putAll(more);
        return fields;
    }
}
