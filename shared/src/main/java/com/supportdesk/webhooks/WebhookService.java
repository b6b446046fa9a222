package com.supportdesk.webhooks;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.ids.Ids;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.refusal.Refusal;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An organisation's admins register, list, read and delete its webhooks; nobody else does (agents and
 * operators included: a webhook is the customer's own configuration, and its URL is a credential). Another
 * organisation's webhook does not exist for the caller (404).
 */
public final class WebhookService {
    /** Webhooks per organisation: bounds what one notification fans out to. */
    public static final int MAX_PER_TENANT = 5;

    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{16,256}");

    private final WebhookRepository webhooks;
    private final WebhookSeal seal;
    private final WebhookAddresses addresses;
    private final Clock clock;

    public WebhookService(WebhookRepository webhooks, WebhookSeal seal, WebhookAddresses addresses, Clock clock) {
        this.webhooks = webhooks;
        this.seal = seal;
        this.addresses = addresses;
        this.clock = clock;
    }

    public WebhookView register(Caller caller, NewWebhook request) {
        String tenant = adminTenant(caller);
        Validate.present("body", request);
        String name = Validate.optionalLine("name", request.name(), 100);
        WebhookFormat format =
                Validate.oneOf("format", Validate.present("format", request.format()), WebhookFormat.class);
        Set<NotificationType> events = events(request.events());
        String secret = Validate.present("secret", request.secret());
        if (!SECRET.matcher(secret).matches()) {
            throw Validate.invalid("secret", "webhookSecret");
        }
        String url = Validate.present("url", request.url());
        URI uri;
        try {
            uri = addresses.check(url).uri();
        } catch (WebhookAddresses.Refused refused) {
            throw Refusal.ruleBroken(refused.code(), refused.text());
        }
        String endpoint = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        for (int attempt = 0; attempt <= MAX_PER_TENANT; attempt++) {
            Set<Integer> taken = new HashSet<>();
            webhooks.list(tenant).forEach(w -> taken.add(w.slot()));
            int slot = 1;
            while (taken.contains(slot)) {
                slot++;
            }
            if (slot > MAX_PER_TENANT) {
                throw Refusal.ruleBroken(
                        "WEBHOOK_LIMIT_REACHED", Text.of("WEBHOOK_LIMIT_REACHED", "max", MAX_PER_TENANT));
            }
            String webhookId = Ids.next("WH", 3);
            Webhook webhook = new Webhook(
                    tenant,
                    webhookId,
                    slot,
                    name,
                    format,
                    events,
                    endpoint,
                    seal.seal(tenant, webhookId, new WebhookTarget(url, secret)),
                    clock.instant(),
                    caller.subject());
            if (webhooks.create(webhook)) {
                return WebhookView.of(webhook);
            }
            // another registration took that slot first: look again
        }
        throw Refusal.conflict("WEBHOOK_REGISTRATION_CONFLICT");
    }

    public WebhookView.Listing list(Caller caller) {
        String tenant = adminTenant(caller);
        return new WebhookView.Listing(
                webhooks.list(tenant).stream().map(WebhookView::of).toList(), MAX_PER_TENANT);
    }

    public WebhookView get(Caller caller, String webhookId) {
        return WebhookView.of(require(adminTenant(caller), webhookId));
    }

    public void delete(Caller caller, String webhookId) {
        Webhook webhook = require(adminTenant(caller), webhookId);
        if (!webhooks.delete(webhook)) {
            throw notFound();
        }
    }

    private Webhook require(String tenant, String webhookId) {
        return webhooks.find(tenant, webhookId).orElseThrow(WebhookService::notFound);
    }

    private static Refusal notFound() {
        return Refusal.notFound(Text.of("NOT_FOUND.webhook"));
    }

    private static String adminTenant(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.webhooks"));
        }
        return caller.adminTenant();
    }

    private static Set<NotificationType> events(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw Validate.invalid("events", "eventsRequired");
        }
        Validate.size("events", names, WebhookEvents.SUPPORTED.size());
        EnumSet<NotificationType> events = EnumSet.noneOf(NotificationType.class);
        for (String name : names) {
            NotificationType type = null;
            for (NotificationType candidate : WebhookEvents.SUPPORTED) {
                if (candidate.name().equals(name)) {
                    type = candidate;
                }
            }
            if (type == null) {
                throw Validate.invalid("events", "onlyValues", "values", WebhookEvents.SUPPORTED.toString());
            }
            events.add(type);
        }
        return events;
    }
}
