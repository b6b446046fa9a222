package com.supportdesk.verification;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.ids.Ids;
import com.supportdesk.model.Channel;
import com.supportdesk.model.VerificationMethod;
import com.supportdesk.notifications.delivery.Message;
import com.supportdesk.notifications.delivery.Messenger;
import com.supportdesk.notifications.delivery.VerificationMessages;
import com.supportdesk.notifications.requests.NotificationDetails;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PIN verification of a phone caller (SPEC section 6): start (registered number → verified at once;
 * otherwise a code to a registered contact) and confirm (the code → an access grant).
 *
 * <p>A confirmation that fails answers the same, and takes at least
 * {@link VerificationPolicy#confirmMinimumDuration()}, whether the code was wrong, expired, used, burned,
 * replaced, another agent's or the verification does not exist. A suspended contact is the one
 * documented exception ({@code CONTACT_SUSPENDED}, a locked refusal).
 *
 * <p>The code goes straight to the contact through the {@link Messenger}: a code never passes through a
 * topic or a queue. The notices every registered contact gets (a caller verified, a contact suspended)
 * are notification requests, delivered once by the notification dispatcher.
 */
public final class VerificationService {
    private static final Pattern VERIFICATION_ID = Pattern.compile("VER(-[0-9A-Z]{4}){4}");

    private final OrganizationRepository organizations;
    private final VerificationRepository verifications;
    private final ContactRecordRepository guards;
    private final AccessGrantRepository grants;
    private final PinCodes codes;
    private final PinHasher hasher;
    private final Messenger messenger;
    private final NotificationPublisher notices;
    private final VerificationMessages messages;
    private final VerificationPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public VerificationService(
            OrganizationRepository organizations,
            VerificationRepository verifications,
            ContactRecordRepository guards,
            AccessGrantRepository grants,
            PinHasher hasher,
            Messenger messenger,
            NotificationPublisher notices,
            VerificationMessages messages,
            VerificationPolicy policy,
            Clock clock,
            Sleeper sleeper) {
        this.organizations = organizations;
        this.verifications = verifications;
        this.guards = guards;
        this.grants = grants;
        this.codes = new PinCodes(policy.codeLength());
        this.hasher = hasher;
        this.messenger = messenger;
        this.notices = notices;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    // ------------------------------------------------------------------ start

    public StartResult start(Caller caller, StartRequest body) {
        caller.require(Role.AGENT);
        String tenantId = Validate.id("tenantId", body.tenantId());
        String callerPhone = Validate.phone("callerPhone", body.callerPhone());
        String contactId = Validate.optionalText("contactId", body.contactId(), 64);
        Organization org = organizations
                .find(tenantId)
                .orElseThrow(() -> Refusal.notFound(Text.of("NOT_FOUND.organisation", "id", tenantId)));
        messages.zone(); // a misconfigured zone fails here, before anything is written or sent
        Instant now = clock.instant();
        List<Contact> contacts = Contact.of(tenantId, org.contacts());
        List<ContactOption> options = contacts.stream().map(Contact::option).toList();
        String verificationId = Ids.next("VER", 4);

        if (org.contacts().hasPhone(callerPhone)) {
            AccessGrant grant = new AccessGrant(
                    AccessGrantRepository.newId(),
                    tenantId,
                    caller.subject(),
                    verificationId,
                    VerificationMethod.REGISTERED_NUMBER,
                    now,
                    now.plus(policy.grantLifetime()));
            verifications.create(new Verification(
                    verificationId,
                    tenantId,
                    caller.subject(),
                    VerificationMethod.REGISTERED_NUMBER,
                    Verification.State.VERIFIED,
                    null,
                    null,
                    null,
                    0,
                    now,
                    now,
                    grant.grantId(),
                    now));
            if (!grants.issue(grant)) {
                throw new IllegalStateException("A new grant id is already taken");
            }
            log("verification_verified", verificationId, tenantId, caller, Map.of("method", "REGISTERED_NUMBER"));
            notifyVerified(org, verificationId, VerificationMethod.REGISTERED_NUMBER, null, grant);
            return new StartResult(
                    verificationId,
                    tenantId,
                    VerificationOutcome.VERIFIED,
                    VerificationMethod.REGISTERED_NUMBER,
                    null,
                    null,
                    null,
                    null,
                    null,
                    options,
                    grant);
        }

        Contact contact = choose(contacts, contactId, body.channel());
        String contactKey = ContactRecordRepository.key(tenantId, contact.contactId());
        Instant expiresAt = now.plus(policy.codeLifetime());
        char[] code = codes.next();
        try {
            // Hashed before anything is reserved: the first hash reads the key from Secrets Manager, and
            // a failure there must leave the contact's limits and its live code as they were.
            byte[] codeHash = hasher.hash(verificationId, code);
            ContactRecord.SendDecision.Allowed reserved = reserve(contactKey, verificationId, now);
            try {
                verifications.create(new Verification(
                        verificationId,
                        tenantId,
                        caller.subject(),
                        VerificationMethod.CODE,
                        Verification.State.PENDING,
                        contact.contactId(),
                        contact.channel(),
                        codeHash,
                        0,
                        now,
                        expiresAt,
                        null,
                        null));
            } catch (RuntimeException e) {
                release(contactKey, verificationId, reserved, now);
                throw e;
            }
            Message message =
                    messages.code(org.language(), org.name(), PinCodes.grouped(code), policy.codeLifetime(), expiresAt);
            try {
                send(contact, message);
            } catch (RuntimeException e) {
                // Nobody has this code: retire it, and give the contact back its send and its live code.
                retire(verificationId);
                release(contactKey, verificationId, reserved, now);
                // the exception's message may quote the request, which holds the code: only its type is logged
                Log.info(
                        "verification_code_not_delivered",
                        Map.of(
                                "verificationId",
                                verificationId,
                                "channel",
                                contact.channel().name(),
                                "exception",
                                e.getClass().getName()));
                throw Refusal.dependencyFailed("DELIVERY_FAILED");
            }
            voidPrevious(reserved.previousLiveVerificationId(), verificationId);
        } finally {
            Arrays.fill(code, '\0');
        }
        log(
                "verification_code_sent",
                verificationId,
                tenantId,
                caller,
                Map.of("channel", contact.channel().name(), "contactId", contact.contactId()));
        return new StartResult(
                verificationId,
                tenantId,
                VerificationOutcome.CODE_SENT,
                VerificationMethod.CODE,
                contact.channel(),
                contact.contactId(),
                contact.masked(),
                expiresAt,
                now.plus(policy.resendCooldown()),
                options,
                null);
    }

    private static Contact choose(List<Contact> contacts, String contactId, Channel channel) {
        if (contactId != null) {
            Contact chosen = contacts.stream()
                    .filter(c -> c.contactId().equals(contactId))
                    .findFirst()
                    .orElseThrow(() -> Refusal.ruleBroken("UNKNOWN_CONTACT", Text.of("UNKNOWN_CONTACT")));
            if (channel != null && channel != chosen.channel()) {
                throw Refusal.ruleBroken(
                        "CHANNEL_MISMATCH",
                        Text.of("CHANNEL_MISMATCH", "channel", chosen.channel().name(), "asked", channel.name()));
            }
            return chosen;
        }
        Channel wanted = channel == null ? Channel.EMAIL : channel;
        Optional<Contact> first =
                contacts.stream().filter(c -> c.channel() == wanted).findFirst();
        if (first.isEmpty() && channel == null) {
            first = contacts.stream().findFirst();
        }
        return first.orElseThrow(() -> Refusal.ruleBroken(
                "NO_REGISTERED_CONTACT",
                Text.of(wanted == Channel.EMAIL ? "NO_REGISTERED_CONTACT.email" : "NO_REGISTERED_CONTACT.phone")));
    }

    /** Reserves a send (cooldown and limits, race-safe on the contact item), or the answer why not. */
    private ContactRecord.SendDecision.Allowed reserve(String contactKey, String verificationId, Instant now) {
        return switch (guards.reserveSend(contactKey, verificationId, now)) {
            case ContactRecord.SendDecision.Suspended s -> throw suspended(s.until());
            case ContactRecord.SendDecision.TooSoon t ->
                throw Refusal.tooMany(
                        "RESEND_TOO_SOON",
                        Text.of(
                                "RESEND_TOO_SOON",
                                "seconds",
                                policy.resendCooldown().toSeconds(),
                                "retryAt",
                                t.retryAt()));
            case ContactRecord.SendDecision.LimitReached l ->
                throw Refusal.tooMany(
                        "SEND_LIMIT_REACHED",
                        l.daily()
                                ? Text.of(
                                        "SEND_LIMIT_REACHED.day",
                                        "count",
                                        policy.maxSendsPerDay(),
                                        "retryAt",
                                        l.retryAt())
                                : Text.of(
                                        "SEND_LIMIT_REACHED.hour",
                                        "count",
                                        policy.maxSendsPerHour(),
                                        "retryAt",
                                        l.retryAt()));
            case ContactRecord.SendDecision.Allowed a -> a;
        };
    }

    /**
     * Takes back a reserved send whose code never went out. If that write fails too, the send keeps
     * counting: the limits err on the side of fewer codes, and the original failure is what is answered.
     */
    private void release(
            String contactKey, String verificationId, ContactRecord.SendDecision.Allowed reserved, Instant now) {
        try {
            guards.releaseSend(contactKey, verificationId, reserved.previousLiveVerificationId(), now);
        } catch (RuntimeException e) {
            Log.info(
                    "verification_send_not_released",
                    Map.of(
                            "verificationId",
                            verificationId,
                            "exception",
                            e.getClass().getName()));
        }
    }

    /**
     * Voids a code that was never delivered. Best effort: nobody has the code, and once the send is
     * released the contact item no longer names it as live, so confirm refuses it even if this write fails.
     */
    private void retire(String verificationId) {
        try {
            verifications.voidPending(verificationId);
        } catch (RuntimeException e) {
            Log.info(
                    "verification_not_voided",
                    Map.of(
                            "verificationId",
                            verificationId,
                            "exception",
                            e.getClass().getName()));
        }
    }

    /**
     * Voids the code the new one replaces, once the new one has been handed over for delivery. The
     * contact item already names the new code as the live one and confirm accepts only the live code, so
     * this write is for the record; a failure of it is logged, not answered, as the new code is on its way.
     */
    private void voidPrevious(String previousVerificationId, String verificationId) {
        if (previousVerificationId == null || previousVerificationId.equals(verificationId)) {
            return;
        }
        try {
            verifications.voidPending(previousVerificationId);
        } catch (RuntimeException e) {
            Log.info(
                    "verification_previous_not_voided",
                    Map.of(
                            "verificationId",
                            previousVerificationId,
                            "exception",
                            e.getClass().getName()));
        }
    }

    // ------------------------------------------------------------------ confirm

    public ConfirmResult confirm(Caller caller, String verificationId, ConfirmRequest body) {
        caller.require(Role.AGENT);
        long started = System.nanoTime();
        try {
            return evaluate(caller, verificationId, body);
        } finally {
            long elapsed = System.nanoTime() - started;
            Duration rest = policy.confirmMinimumDuration().minusNanos(elapsed);
            if (!rest.isNegative() && !rest.isZero()) {
                sleeper.sleep(rest);
            }
        }
    }

    private ConfirmResult evaluate(Caller caller, String verificationId, ConfirmRequest body) {
        char[] code = codes.parse(body.code())
                .orElseThrow(() -> Validate.invalid("code", "pinDigits", "digits", codes.length()));
        try {
            Instant now = clock.instant();
            String id = verificationId == null ? "" : verificationId;
            if (!VERIFICATION_ID.matcher(id).matches()) {
                hasher.hash(id, code); // the same work as for a real one
                throw rejected(id);
            }
            // Another agent's verification is an unknown one: nothing about it, not even a suspension of
            // its contact, is told to anyone but the agent who started it.
            Optional<Verification> stored =
                    verifications.find(id).filter(v -> v.agentSubject().equals(caller.subject()));
            if (stored.isEmpty()) {
                hasher.hash(id, code);
                throw rejected(id);
            }
            if (stored.get().contactId() != null) {
                // A code vouches for a contact that is registered now: one an operator removed since the
                // code was sent verifies nobody, and says so no differently from any other failure.
                if (!stillRegistered(stored.get())) {
                    hasher.hash(id, code);
                    throw rejected(id);
                }
                ContactRecord contact = guards.get(stored.get().contactKey());
                if (contact.suspendedAt(now)) {
                    throw suspended(contact.suspendedUntil().orElseThrow());
                }
                // One live code per contact, as the contact item names it: a newer send takes that over
                // when it is reserved and hands it back if its code never goes out, so a replaced code is
                // refused even before it is marked VOID.
                if (stored.get().state() == Verification.State.PENDING && !id.equals(contact.liveVerificationId())) {
                    hasher.hash(id, code);
                    throw rejected(id);
                }
            }
            if (stored.get().state() == Verification.State.VERIFIED) {
                return reissue(caller, stored.get(), code, now);
            }
            Optional<Verification> reserved =
                    verifications.reserveAttempt(id, caller.subject(), now, policy.maxAttempts());
            if (reserved.isEmpty()) {
                hasher.hash(id, code);
                throw rejected(id);
            }
            Verification v = reserved.get();
            boolean match = hasher.matches(id, code, v.codeHash());
            Log.info(
                    "verification_attempt",
                    Map.of("verificationId", id, "attempt", v.attempts(), "outcome", match ? "MATCH" : "MISMATCH"));
            if (match) {
                return verified(caller, v, now);
            }
            if (v.attempts() >= policy.maxAttempts()) {
                verifications.burn(id);
            }
            ContactRecordRepository.Failure failure = guards.recordFailure(v.contactKey(), now);
            if (failure.suspendedNow()) {
                Log.info(
                        "verification_contact_suspended",
                        Map.of(
                                "tenantId",
                                v.tenantId(),
                                "contactId",
                                v.contactId(),
                                "until",
                                failure.suspendedUntil().toString()));
                organizations
                        .find(v.tenantId())
                        .ifPresent(org -> notice(
                                v.verificationId() + "#suspended",
                                NotificationType.CONTACT_SUSPENDED,
                                org,
                                now,
                                Map.of(
                                        NotificationDetails.MASKED_CONTACT,
                                        masked(org, v.contactId()),
                                        NotificationDetails.SUSPENDED_UNTIL,
                                        failure.suspendedUntil().toString())));
                throw suspended(failure.suspendedUntil());
            }
            throw failed();
        } finally {
            Arrays.fill(code, '\0');
        }
    }

    private boolean stillRegistered(Verification v) {
        return organizations
                .find(v.tenantId())
                .map(org -> Contact.of(org.tenantId(), org.contacts()).stream()
                        .anyMatch(c -> c.contactId().equals(v.contactId())))
                .orElse(false);
    }

    private ConfirmResult verified(Caller caller, Verification v, Instant now) {
        String grantId = AccessGrantRepository.newId();
        if (!verifications.consume(v.verificationId(), grantId, now)) {
            // a concurrent confirmation with the right code won; this one is an ordinary failure
            throw failed();
        }
        return grant(caller, v, grantId, now, false);
    }

    /**
     * A confirmation of a code that was already consumed. If its grant was written, the code is used and
     * this is an ordinary failure. If the write failed after the consume (the agent got an error), the
     * agent who consumed it, with the same code, gets that very grant: its id and times were fixed at the
     * consume, so no second, different grant can come of it, and the conditional write lets one request
     * only have it. Nothing is written once the grant would have expired.
     */
    private ConfirmResult reissue(Caller caller, Verification v, char[] code, Instant now) {
        boolean match = hasher.matches(v.verificationId(), code, v.codeHash()); // the same work on every path
        boolean recoverable = v.method() == VerificationMethod.CODE
                && v.grantId() != null
                && v.verifiedAt() != null
                && now.isBefore(v.verifiedAt().plus(policy.grantLifetime()));
        if (!match || !recoverable) {
            throw rejected(v.verificationId());
        }
        return grant(caller, v, v.grantId(), v.verifiedAt(), true);
    }

    /** Writes the grant a consumed verification gives; only the request that wrote it answers with it. */
    private ConfirmResult grant(Caller caller, Verification v, String grantId, Instant verifiedAt, boolean retried) {
        AccessGrant grant = new AccessGrant(
                grantId,
                v.tenantId(),
                v.agentSubject(),
                v.verificationId(),
                VerificationMethod.CODE,
                verifiedAt,
                verifiedAt.plus(policy.grantLifetime()));
        if (!grants.issue(grant)) {
            // a retry of this confirmation wrote it first and answered with it: the code is used
            throw rejected(v.verificationId());
        }
        log(
                "verification_verified",
                v.verificationId(),
                v.tenantId(),
                caller,
                Map.of("method", "CODE", "grantRetried", retried));
        organizations
                .find(v.tenantId())
                .ifPresent(org -> notifyVerified(
                        org, v.verificationId(), VerificationMethod.CODE, masked(org, v.contactId()), grant));
        return new ConfirmResult(v.verificationId(), VerificationOutcome.VERIFIED, VerificationMethod.CODE, grant);
    }

    private Refusal rejected(String id) {
        Log.info(
                "verification_attempt_refused",
                Map.of("verificationId", VERIFICATION_ID.matcher(id).matches() ? id : "-"));
        return failed();
    }

    private Refusal failed() {
        return Refusal.ruleBroken(
                "VERIFICATION_FAILED", Text.of("VERIFICATION_FAILED", "attempts", policy.maxAttempts()));
    }

    private static Refusal suspended(Instant until) {
        return Refusal.locked("CONTACT_SUSPENDED", Text.of("CONTACT_SUSPENDED", "until", until));
    }

    // ------------------------------------------------------------------ notices

    private void notifyVerified(
            Organization org,
            String verificationId,
            VerificationMethod method,
            String maskedDestination,
            AccessGrant grant) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(NotificationDetails.METHOD, method.name());
        if (maskedDestination != null) {
            details.put(NotificationDetails.MASKED_DESTINATION, maskedDestination);
        }
        details.put(NotificationDetails.GRANT_EXPIRES_AT, grant.expiresAt().toString());
        // one notice per verification: its id makes a second publication of it a no-op for the dispatcher
        notice(verificationId + "#verified", NotificationType.VERIFICATION_SUCCEEDED, org, grant.issuedAt(), details);
    }

    /**
     * A notice to every registered contact of the organisation, as a request to the dispatcher; never the
     * code, the grant id or an address (contacts are named masked). A failed publication does not fail the
     * verification: it is logged as an error for operators (verifications keep no outbox to retry from).
     */
    private void notice(
            String notificationId, NotificationType type, Organization org, Instant at, Map<String, String> details) {
        try {
            notices.publish(NotificationRequest.of(
                    notificationId,
                    type,
                    org.tenantId(),
                    null,
                    Recipient.registeredContacts(),
                    org.language(),
                    at,
                    details));
        } catch (RuntimeException e) {
            Log.error(
                    "verification_notice_not_published",
                    Map.of(
                            "notificationId",
                            notificationId,
                            "tenantId",
                            org.tenantId(),
                            "exception",
                            e.getClass().getName()),
                    e);
        }
    }

    private void send(Contact contact, Message message) {
        if (contact.channel() == Channel.EMAIL) {
            messenger.email(contact.address(), message);
        } else {
            messenger.sms(contact.address(), message);
        }
    }

    private static String masked(Organization org, String contactId) {
        return Contact.of(org.tenantId(), org.contacts()).stream()
                .filter(c -> c.contactId().equals(contactId))
                .findFirst()
                .map(Contact::masked)
                .orElse("***");
    }

    private static void log(String event, String verificationId, String tenantId, Caller caller, Map<String, ?> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("verificationId", verificationId);
        fields.put("tenantId", tenantId);
        fields.put("agent", caller.subject());
        fields.putAll(more);
        Log.info(event, fields);
    }
}
