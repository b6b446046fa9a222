package com.supportdesk.cases;

import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Everything about {@code Idempotency-Key}: the key's form, the hash of the body it was first used with,
 * claiming it, replaying the answer stored for it, waiting for a request that holds it, taking over a
 * claim whose holder died, and expiry.
 *
 * <p>One item per tenant and key in the cases table: {@code pk = IDEMPOTENCY#<tenantId>#<key>},
 * {@code sk = IDEMPOTENCY} (tenant ids and keys never contain {@code #}). A claim is a conditional put, so
 * exactly one of any number of concurrent requests with a key wins; the others wait for its answer. A claim
 * whose holder stopped before answering is taken over after {@link #STALE_CLAIM} and finished under the
 * same case id, so the case is never created twice. A key is bound for {@link #LIFETIME}: after that it
 * reads as unused and may be claimed again with any body ({@code expiresAt}, in epoch seconds, is also the
 * table's TTL attribute, which in AWS deletes the item some time later).
 */
public final class IdempotencyKeys {
    public static final Duration LIFETIME = Duration.ofHours(24);
    static final Duration STALE_CLAIM = Duration.ofSeconds(30);
    private static final Duration WAIT_FOR_CLAIM = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");
    private static final String PREFIX = "IDEMPOTENCY#";
    private static final String SK_VALUE = "IDEMPOTENCY";
    private static final String PENDING = "PENDING";
    private static final String COMPLETE = "COMPLETE";

    /** A request's key: the tenant it is scoped to, the header value and the hash of the body sent with it. */
    public record Key(String tenantId, String value, String bodyHash) {}

    /** The answer stored for a key: the case it created and the response body every retry gets. */
    public record Answer(String caseId, JsonNode body) {}

    /**
     * The outcome of {@link #claim}: go on and create the case under {@code caseId} (holding the claim taken
     * at {@code lockedAt}), or answer as before.
     */
    public sealed interface Claim {
        record Proceed(String caseId, Instant lockedAt) implements Claim {}

        record Answered(Answer answer) implements Claim {}
    }

    private record Stored(String bodyHash, String caseId, boolean complete, String response, Instant lockedAt) {}

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public IdempotencyKeys(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The key of a request, if it sent one; refused when the header is not of the documented form. */
    public static Optional<Key> of(String tenantId, Optional<String> header, String rawBody) {
        Optional<String> value = header.map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!FORM.matcher(value.get()).matches()) {
            throw Refusal.invalid("INVALID_IDEMPOTENCY_KEY");
        }
        return Optional.of(new Key(tenantId, value.get(), bodyHash(tenantId, rawBody)));
    }

    /**
     * The answer already stored for this key, if its request finished: a retry gets it without being
     * validated again. Refused when the key was used with another body.
     */
    public Optional<Answer> answered(Key key) {
        return find(key).filter(Stored::complete).map(stored -> answer(stored, key));
    }

    /**
     * Claims the key for a new case with id {@code proposedCaseId}. When another request holds it, waits for
     * its answer (at most a few seconds), or takes the claim over if its holder died; then the case id to
     * create is the holder's.
     */
    public Claim claim(Key key, String proposedCaseId) {
        Instant now = clock.instant();
        if (put(key, proposedCaseId, now)) {
            return new Claim.Proceed(proposedCaseId, now);
        }
        // Real time, not the case clock: this bounds how long this request waits for another one.
        Instant deadline = Instant.now().plus(WAIT_FOR_CLAIM);
        while (true) {
            Stored holder = find(key).orElseThrow(IdempotencyKeys::inProgress);
            if (!holder.bodyHash().equals(key.bodyHash())) {
                throw reused();
            }
            if (holder.complete()) {
                return new Claim.Answered(answer(holder, key));
            }
            now = clock.instant();
            if (holder.lockedAt() != null
                    && holder.lockedAt().plus(STALE_CLAIM).isBefore(now)
                    && takeOver(key, holder.lockedAt(), now)) {
                return new Claim.Proceed(holder.caseId(), now);
            }
            if (Instant.now().isAfter(deadline)) {
                throw inProgress();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw inProgress();
            }
        }
    }

    /**
     * Gives up a claim whose request failed before it answered (a dependency was down): the claim is made
     * stale at once, so the client's retry takes it over and finishes the case under the same id instead of
     * waiting {@link #STALE_CLAIM}. Never a second case: whoever takes over creates the claimed id, and a
     * case that the failed request did write is found and answered. Best effort: when this write fails too,
     * the claim goes stale by itself.
     */
    public void abandon(Key key, Instant lockedAt) {
        Instant stale = lockedAt.minus(STALE_CLAIM).minusSeconds(1);
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(itemKey(key))
                    .updateExpression("SET lockedAt = :stale")
                    .conditionExpression("keyState = :pending AND lockedAt = :mine")
                    .expressionAttributeValues(Map.of(
                            ":stale",
                            s(SortableTime.format(stale)),
                            ":pending",
                            s(PENDING),
                            ":mine",
                            s(SortableTime.format(lockedAt)))));
        } catch (RuntimeException e) {
            // taken over or finished meanwhile, or the table is still unreachable: nothing to do
        }
    }

    /** Stores the answer every retry with this key gets from now on. */
    public void complete(Key key, JsonNode answer) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(itemKey(key))
                .updateExpression("SET keyState = :done, #r = :response")
                .expressionAttributeNames(Map.of("#r", "response"))
                .expressionAttributeValues(Map.of(":done", s(COMPLETE), ":response", s(Json.write(answer)))));
    }

    /** SHA-256 of the tenant and the body in canonical form (keys sorted), so spacing and key order do not matter. */
    static String bodyHash(String tenantId, String rawBody) {
        String canonical;
        try {
            canonical = Json.MAPPER.writeValueAsString(canonical(Json.MAPPER.readTree(rawBody)));
        } catch (java.io.IOException e) {
            canonical = rawBody;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(tenantId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            return sorted;
        }
        if (node != null && node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static Answer answer(Stored stored, Key key) {
        if (!stored.bodyHash().equals(key.bodyHash())) {
            throw reused();
        }
        try {
            return new Answer(stored.caseId(), Json.MAPPER.readTree(stored.response()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable stored response", e);
        }
    }

    private static Refusal reused() {
        return Refusal.conflict("IDEMPOTENCY_KEY_REUSED");
    }

    private static Refusal inProgress() {
        return Refusal.conflict("IDEMPOTENCY_IN_PROGRESS");
    }

    // ------------------------------------------------------------------ storage

    private Map<String, AttributeValue> itemKey(Key key) {
        return Map.of(
                CaseRepository.PK, s(PREFIX + key.tenantId() + "#" + key.value()), CaseRepository.SK, s(SK_VALUE));
    }

    /** Exactly one of any number of concurrent puts wins; an expired key may be claimed again. */
    private boolean put(Key key, String caseId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(key));
        item.put("bodyHash", s(key.bodyHash()));
        item.put("caseId", s(caseId));
        item.put("keyState", s(PENDING));
        item.put("lockedAt", s(SortableTime.format(now)));
        item.put("expiresAt", n(now.plus(LIFETIME).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt <= :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The key as stored, unless it has expired: TTL deletion is lazy in AWS and absent in emulators. */
    private Optional<Stored> find(Key key) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).consistentRead(true).key(itemKey(key)))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (Attributes.number(item, "expiresAt") <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        String locked = Attributes.string(item, "lockedAt");
        return Optional.of(new Stored(
                Attributes.string(item, "bodyHash"),
                Attributes.string(item, "caseId"),
                COMPLETE.equals(Attributes.string(item, "keyState")),
                Attributes.string(item, "response"),
                locked == null ? null : Instant.parse(locked)));
    }

    /** Takes over a key whose first holder stopped before finishing; false when someone else did. */
    private boolean takeOver(Key key, Instant previousLock, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(itemKey(key))
                    .updateExpression("SET lockedAt = :now")
                    .conditionExpression("keyState = :pending AND lockedAt = :previous")
                    .expressionAttributeValues(Map.of(
                            ":now",
                            s(SortableTime.format(now)),
                            ":pending",
                            s(PENDING),
                            ":previous",
                            s(SortableTime.format(previousLock)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
