package com.supportdesk.webhooks;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.s;
import static com.supportdesk.persistence.Attributes.strings;

import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.persistence.Attributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Webhooks in {@code WebhooksTable}: partition {@code tenantId}, sort key {@code slot} ({@code 01} …), so
 * an organisation's webhooks are one Query, and nothing of one tenant is ever read under another's key.
 */
public final class WebhookRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public WebhookRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Every webhook of {@code tenantId}, by slot (a strongly consistent read). */
    public List<Webhook> list(String tenantId) {
        QueryResponse response = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", s(tenantId)))
                .consistentRead(true));
        List<Webhook> webhooks = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            webhooks.add(fromItem(item));
        }
        webhooks.sort(Comparator.comparingInt(Webhook::slot));
        return webhooks;
    }

    public Optional<Webhook> find(String tenantId, String webhookId) {
        return list(tenantId).stream()
                .filter(w -> w.webhookId().equals(webhookId))
                .findFirst();
    }

    /** @return false when the slot was taken meanwhile: nothing was written */
    public boolean create(Webhook webhook) {
        try {
            dynamo.putItem(p ->
                    p.tableName(table).item(toItem(webhook)).conditionExpression("attribute_not_exists(tenantId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** @return false when that slot no longer holds that webhook */
    public boolean delete(Webhook webhook) {
        try {
            dynamo.deleteItem(d -> d.tableName(table)
                    .key(Map.of("tenantId", s(webhook.tenantId()), "slot", s(slot(webhook.slot()))))
                    .conditionExpression("webhookId = :id")
                    .expressionAttributeValues(Map.of(":id", s(webhook.webhookId()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static String slot(int slot) {
        return String.format("%02d", slot);
    }

    static Map<String, AttributeValue> toItem(Webhook w) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(w.tenantId()));
        item.put("slot", s(slot(w.slot())));
        item.put("webhookId", s(w.webhookId()));
        if (w.name() != null) {
            item.put("name", s(w.name()));
        }
        item.put("format", s(w.format().name()));
        item.put("events", strings(w.events().stream().map(Enum::name).sorted().toList()));
        item.put("endpoint", s(w.endpoint()));
        item.put("sealed", s(w.sealed()));
        item.put("createdAt", instant(w.createdAt()));
        item.put("createdBy", s(w.createdBy()));
        return item;
    }

    static Webhook fromItem(Map<String, AttributeValue> item) {
        EnumSet<NotificationType> events = EnumSet.noneOf(NotificationType.class);
        for (String name : Attributes.strings(item, "events")) {
            try {
                events.add(NotificationType.valueOf(name));
            } catch (IllegalArgumentException e) {
                // a type this code no longer knows: it cannot be delivered, the rest still is
            }
        }
        return new Webhook(
                Attributes.string(item, "tenantId"),
                Attributes.string(item, "webhookId"),
                Integer.parseInt(Attributes.string(item, "slot")),
                Attributes.optionalString(item, "name").orElse(null),
                WebhookFormat.valueOf(Attributes.string(item, "format")),
                events,
                Attributes.string(item, "endpoint"),
                Attributes.string(item, "sealed"),
                Attributes.instant(item, "createdAt"),
                Attributes.string(item, "createdBy"));
    }
}
