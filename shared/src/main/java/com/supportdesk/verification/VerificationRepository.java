package com.supportdesk.verification;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.Channel;
import com.supportdesk.model.VerificationMethod;
import com.supportdesk.persistence.Attributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Verifications, one item per id. Every change of state is a conditional write on that one item, so
 * an attempt is counted before it is evaluated and a code is consumed at most once, however many
 * requests race (DynamoDB serialises writes to an item; no transaction is needed).
 */
public final class VerificationRepository {
    /** Kept this long after expiry for the audit trail, then removed by DynamoDB TTL. */
    static final Duration RETENTION = Duration.ofDays(30);

    private static final Map<String, String> NAMES = Map.of("#state", "state", "#attempts", "attempts");

    private final DynamoDbClient dynamo;
    private final String table;

    public VerificationRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void create(Verification v) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("verificationId", s(v.verificationId()));
        item.put("tenantId", s(v.tenantId()));
        item.put("agentSubject", s(v.agentSubject()));
        item.put("method", s(v.method().name()));
        item.put("state", s(v.state().name()));
        if (v.contactId() != null) {
            item.put("contactId", s(v.contactId()));
            item.put("channel", s(v.channel().name()));
        }
        if (v.codeHash() != null) {
            item.put("codeHash", AttributeValue.fromB(SdkBytes.fromByteArray(v.codeHash())));
        }
        item.put("attempts", n(v.attempts()));
        item.put("createdAt", instant(v.createdAt()));
        item.put("expiresAt", instant(v.expiresAt()));
        item.put("expiresAtMillis", n(v.expiresAt().toEpochMilli()));
        item.put("purgeAt", n(v.expiresAt().plus(RETENTION).getEpochSecond()));
        if (v.grantId() != null) {
            item.put("grantId", s(v.grantId()));
        }
        if (v.verifiedAt() != null) {
            item.put("verifiedAt", instant(v.verifiedAt()));
        }
        dynamo.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(verificationId)")
                .build());
    }

    public Optional<Verification> find(String verificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(key(verificationId))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Counts one attempt if the verification is a pending code of this agent, not expired and not out of
     * attempts; only then may the guess be evaluated.
     *
     * @return the verification after the count, or empty when the guess must not be evaluated
     */
    public Optional<Verification> reserveAttempt(
            String verificationId, String agentSubject, Instant now, int maxAttempts) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder()
                            .tableName(table)
                            .key(key(verificationId))
                            .updateExpression("SET #attempts = #attempts + :one")
                            .conditionExpression(
                                    "attribute_exists(verificationId) AND #state = :pending AND agentSubject = :agent"
                                            + " AND expiresAtMillis > :now AND #attempts < :max")
                            .expressionAttributeNames(NAMES)
                            .expressionAttributeValues(Map.of(
                                    ":one",
                                    n(1),
                                    ":pending",
                                    s(Verification.State.PENDING.name()),
                                    ":agent",
                                    s(agentSubject),
                                    ":now",
                                    n(now.toEpochMilli()),
                                    ":max",
                                    n(maxAttempts)))
                            .returnValues(ReturnValue.ALL_NEW)
                            .build())
                    .attributes();
            return Optional.of(fromItem(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * PENDING → VERIFIED, once: true for exactly one caller however many race. The grant id and the time
     * are stored with it, so that a grant that could not be written can be written later, identical.
     */
    public boolean consume(String verificationId, String grantId, Instant now) {
        return transition(
                verificationId,
                Verification.State.VERIFIED,
                "SET #state = :to, grantId = :grant, verifiedAt = :now",
                Map.of(":grant", s(grantId), ":now", instant(now)));
    }

    /** PENDING → BURNED after the last allowed wrong code. */
    public boolean burn(String verificationId) {
        return transition(verificationId, Verification.State.BURNED, "SET #state = :to", Map.of());
    }

    /** PENDING → VOID when a newer code goes to the same contact. */
    public boolean voidPending(String verificationId) {
        return transition(verificationId, Verification.State.VOID, "SET #state = :to", Map.of());
    }

    private boolean transition(
            String verificationId, Verification.State to, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":to", s(to.name()));
        all.put(":pending", s(Verification.State.PENDING.name()));
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key(verificationId))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(verificationId) AND #state = :pending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(all)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String verificationId) {
        return Map.of("verificationId", s(verificationId));
    }

    static Verification fromItem(Map<String, AttributeValue> item) {
        AttributeValue hash = item.get("codeHash");
        String channel = Attributes.string(item, "channel");
        return new Verification(
                Attributes.string(item, "verificationId"),
                Attributes.string(item, "tenantId"),
                Attributes.string(item, "agentSubject"),
                VerificationMethod.valueOf(Attributes.string(item, "method")),
                Verification.State.valueOf(Attributes.string(item, "state")),
                Attributes.string(item, "contactId"),
                channel == null ? null : Channel.valueOf(channel),
                hash == null ? null : hash.b().asByteArray(),
                (int) Attributes.number(item, "attempts"),
                Attributes.instant(item, "createdAt"),
                Attributes.instant(item, "expiresAt"),
                Attributes.string(item, "grantId"),
                Attributes.instant(item, "verifiedAt"));
    }
}
