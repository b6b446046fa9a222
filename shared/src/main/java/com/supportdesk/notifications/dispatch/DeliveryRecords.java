package com.supportdesk.notifications.dispatch;

import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.persistence.Attributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per delivery (one message to one recipient by one channel) in the deliveries table, claimed
 * with a conditional write before the message is handed to SES or SNS, so that a request delivered again
 * by the queue sends nothing twice:
 *
 * <pre>
 *   (none) --claim--> CLAIMED(token, lease) --sent--> SENT(provider message id)
 *                         |  \--rejected--> UNDELIVERABLE
 *                         |  \--release (the provider refused it: nothing went out)--> (none)
 *                         \--lease over, claimed again (takeover)--> CLAIMED(new token)
 * </pre>
 *
 * A takeover is the one way a message can go out twice: the first holder may have handed it over and
 * stopped before recording SENT. Items carry {@code expiresAt} (epoch seconds) for TTL deletion in AWS;
 * an expired item counts as absent here too, since dynalite deletes nothing. No address is stored: the
 * item names the delivery by id only.
 */
public final class DeliveryRecords {
    /**
     * How long a claim keeps others off: longer than one invocation (the function's timeout is 30 s), and
     * shorter than the queue's visibility timeout (180 s), so the queue's next delivery of a message whose
     * handler died can take the claim over.
     */
    public static final Duration LEASE = Duration.ofSeconds(90);
    /**
     * How long a record is kept: longer than a request can come back, which is at most the dead-letter
     * queue's retention (14 days, counted from the first enqueue) before an operator's redrive.
     */
    public static final Duration RETENTION = Duration.ofDays(21);

    static final String KEY = "deliveryId";

    /** Where a delivery stands. */
    public enum State {
        CLAIMED,
        SENT,
        UNDELIVERABLE
    }

    /** The answer to a claim. */
    public sealed interface Claim {}

    /** This caller holds the delivery; {@code takenOver} when an earlier holder's lease ran out first. */
    public record Claimed(String token, boolean takenOver) implements Claim {}

    /** The delivery is done: sent, or undeliverable. */
    public record Settled(State state) implements Claim {}

    /** Another holder's lease is still running. */
    public record Busy(Instant leaseUntil) implements Claim {}

    /** What a delivery record says, for the dispatcher's tests and for operators. */
    public record DeliveryRecord(
            String deliveryId,
            State state,
            int attempts,
            Instant leaseUntil,
            Optional<String> providerMessageId,
            Optional<String> errorCode) {}

    /** What a record says about its delivery besides its state: no address, no content. */
    public record Description(String notificationId, String type, String channel) {}

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Claim claim(String deliveryId, Description description, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            String token = UUID.randomUUID().toString();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(KEY, s(deliveryId));
            item.put("notificationId", s(description.notificationId()));
            item.put("type", s(description.type()));
            item.put("channel", s(description.channel()));
            item.put("state", s(State.CLAIMED.name()));
            item.put("claimToken", s(token));
            item.put("leaseUntil", n(now.plus(LEASE).toEpochMilli()));
            item.put("attempts", n(1));
            item.put("claimedAt", s(now.toString()));
            item.put("expiresAt", n(now.plus(RETENTION).getEpochSecond()));
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#key) OR expiresAt < :now")
                        .expressionAttributeNames(Map.of("#key", KEY))
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
                return new Claimed(token, false);
            } catch (ConditionalCheckFailedException e) {
                // someone holds it or finished it: look
            }
            Optional<Map<String, AttributeValue>> existing = item(deliveryId);
            if (existing.isEmpty() || expired(existing.get(), now)) {
                continue; // released or expired in between: claim afresh
            }
            Map<String, AttributeValue> current = existing.get();
            State state = State.valueOf(Attributes.string(current, "state"));
            if (state != State.CLAIMED) {
                return new Settled(state);
            }
            Instant leaseUntil = Instant.ofEpochMilli(Attributes.number(current, "leaseUntil"));
            if (leaseUntil.isAfter(now)) {
                return new Busy(leaseUntil);
            }
            if (takeOver(deliveryId, Attributes.string(current, "claimToken"), token, now)) {
                return new Claimed(token, true);
            }
        }
        return new Busy(now.plus(LEASE));
    }

    /** @return false when the claim was lost (another holder took it over): nothing was written */
    public boolean sent(String deliveryId, String token, String providerMessageId, Instant now) {
        return settle(deliveryId, token, State.SENT, Map.of("providerMessageId", s(providerMessageId)), now);
    }

    /** @param errorCode the provider's error code, which names the reason and holds no address */
    public boolean undeliverable(String deliveryId, String token, String errorCode, Instant now) {
        return settle(deliveryId, token, State.UNDELIVERABLE, Map.of("errorCode", s(errorCode)), now);
    }

    /**
     * Gives a claim up, for a message the provider refused before taking it (throttled): the queue's
     * next delivery claims it afresh. Best effort: a claim left behind only waits for its lease.
     */
    public void release(String deliveryId, String token) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(KEY, s(deliveryId)))
                    .conditionExpression("claimToken = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":token", s(token), ":claimed", s(State.CLAIMED.name()))));
        } catch (ConditionalCheckFailedException e) {
            // taken over meanwhile: the new holder decides
        }
    }

    public Optional<DeliveryRecord> find(String deliveryId) {
        return item(deliveryId)
                .map(item -> new DeliveryRecord(
                        Attributes.string(item, KEY),
                        State.valueOf(Attributes.string(item, "state")),
                        (int) Attributes.number(item, "attempts"),
                        Instant.ofEpochMilli(Attributes.number(item, "leaseUntil")),
                        Attributes.optionalString(item, "providerMessageId"),
                        Attributes.optionalString(item, "errorCode")));
    }

    private boolean takeOver(String deliveryId, String previousToken, String token, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(KEY, s(deliveryId)))
                    .updateExpression(
                            "SET claimToken = :token, leaseUntil = :lease, claimedAt = :at, attempts = attempts + :one")
                    .conditionExpression("claimToken = :previous AND #state = :claimed AND leaseUntil <= :nowMillis")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":token", s(token),
                            ":lease", n(now.plus(LEASE).toEpochMilli()),
                            ":at", s(now.toString()),
                            ":one", n(1),
                            ":previous", s(previousToken),
                            ":claimed", s(State.CLAIMED.name()),
                            ":nowMillis", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private boolean settle(
            String deliveryId, String token, State state, Map<String, AttributeValue> more, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":token", s(token));
        values.put(":claimed", s(State.CLAIMED.name()));
        values.put(":state", s(state.name()));
        values.put(":at", s(now.toString()));
        StringBuilder update = new StringBuilder("SET #state = :state, settledAt = :at");
        more.forEach((name, value) -> {
            update.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, value);
        });
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(KEY, s(deliveryId)))
                    .updateExpression(update.toString())
                    .conditionExpression("claimToken = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Optional<Map<String, AttributeValue>> item(String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).consistentRead(true).key(Map.of(KEY, s(deliveryId))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static boolean expired(Map<String, AttributeValue> item, Instant now) {
        return Attributes.number(item, "expiresAt") < now.getEpochSecond();
    }
}
