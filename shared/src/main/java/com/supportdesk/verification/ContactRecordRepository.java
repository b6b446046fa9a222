package com.supportdesk.verification;

import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.persistence.Attributes;
import com.supportdesk.persistence.ConflictRetry;
import com.supportdesk.persistence.VersionedWrite;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The per tenant + contact record ({@link ContactRecord}) in DynamoDB. A send is reserved with an
 * optimistic write (read, decide, write if the version is unchanged, else read again); a failure is
 * appended atomically and bumps the version, so a concurrent send can never write an old failure list
 * back. Only one request can move a contact into suspension, so the notice goes out once.
 */
public final class ContactRecordRepository {
    private final DynamoDbClient dynamo;
    private final String table;
    private final VerificationPolicy policy;

    public ContactRecordRepository(DynamoDbClient dynamo, String table, VerificationPolicy policy) {
        this.dynamo = dynamo;
        this.table = table;
        this.policy = policy;
    }

    public static String key(String tenantId, String contactId) {
        return tenantId + "#" + contactId;
    }

    public ContactRecord get(String contactKey) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("contactKey", s(contactKey)))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? ContactRecord.empty() : fromItem(item);
    }

    /** Decides and, when allowed, records the send and makes {@code newVerificationId} the live one. */
    public ContactRecord.SendDecision reserveSend(String contactKey, String newVerificationId, Instant now) {
        // a lost race means another send or a failure changed the record: decide again on what is there now
        return ConflictRetry.DEFAULT
                .run(() -> {
                    ContactRecord current = get(contactKey);
                    ContactRecord.SendDecision decision = current.decideSend(now, policy, newVerificationId);
                    if (!(decision instanceof ContactRecord.SendDecision.Allowed allowed)) {
                        return Optional.of(decision);
                    }
                    return write(contactKey, allowed.next(), now) ? Optional.of(decision) : Optional.empty();
                })
                .orElseThrow(ContactRecordRepository::keptChanging);
    }

    /**
     * Takes back a send reserved by {@link #reserveSend} whose code never went out, so that it costs the
     * contact no cooldown and no part of its limits, and makes the code it would have replaced live again
     * unless a newer send took over. The same optimistic write as a reservation: a concurrent send or
     * failure is never overwritten.
     */
    public void releaseSend(
            String contactKey, String verificationId, String previousLiveVerificationId, Instant sentAt) {
        ConflictRetry.DEFAULT
                .run(() -> {
                    ContactRecord current = get(contactKey);
                    if (current.version() == 0) {
                        return Optional.of(true);
                    }
                    Optional<ContactRecord> next =
                            current.withoutSend(sentAt.toEpochMilli(), verificationId, previousLiveVerificationId);
                    if (next.isEmpty()) {
                        return Optional.of(true);
                    }
                    return write(contactKey, next.get(), sentAt) ? Optional.of(true) : Optional.<Boolean>empty();
                })
                .orElseThrow(ContactRecordRepository::keptChanging);
    }

    private boolean write(String contactKey, ContactRecord next, Instant now) {
        return VersionedWrite.put(dynamo, table, toItem(contactKey, next, now), "contactKey", next.version());
    }

    private static IllegalStateException keptChanging() {
        return new IllegalStateException("Contact record kept changing; giving up");
    }

    /** The outcome of recording one wrong code. */
    public record Failure(int failuresInWindow, boolean suspendedNow, Instant suspendedUntil) {}

    /** Appends a failure; suspends the contact when this failure reaches the limit. */
    public Failure recordFailure(String contactKey, Instant now) {
        Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("contactKey", s(contactKey)))
                        .updateExpression(
                                "SET failures = list_append(if_not_exists(failures, :empty), :now), purgeAt = :purge ADD version :one")
                        .expressionAttributeValues(Map.of(
                                ":empty", AttributeValue.fromL(List.of()),
                                ":now", AttributeValue.fromL(List.of(n(now.toEpochMilli()))),
                                ":purge", n(purgeAt(now)),
                                ":one", n(1)))
                        .returnValues(ReturnValue.ALL_NEW)
                        .build())
                .attributes();
        ContactRecord record = fromItem(item);
        int count = record.failuresWithin(now, policy.failureWindow());
        if (count < policy.maxFailures() || record.suspendedAt(now)) {
            return new Failure(
                    count,
                    false,
                    record.suspendedAt(now) ? record.suspendedUntil().orElseThrow() : null);
        }
        Instant until = now.plus(policy.suspension());
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of("contactKey", s(contactKey)))
                    .updateExpression("SET suspendedUntil = :until, purgeAt = :purge ADD version :one")
                    .conditionExpression("attribute_not_exists(suspendedUntil) OR suspendedUntil <= :now")
                    .expressionAttributeValues(Map.of(
                            ":until", n(until.toEpochMilli()),
                            ":now", n(now.toEpochMilli()),
                            ":purge", n(purgeAt(until)),
                            ":one", n(1)))
                    .build());
            return new Failure(count, true, until);
        } catch (ConditionalCheckFailedException e) {
            // a concurrent failure suspended it first and sends the notice
            return new Failure(count, false, get(contactKey).suspendedUntil().orElse(until));
        }
    }

    private long purgeAt(Instant from) {
        return from.plus(policy.historyWindow()).plus(policy.suspension()).getEpochSecond();
    }

    private Map<String, AttributeValue> toItem(String contactKey, ContactRecord r, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("contactKey", s(contactKey));
        item.put(
                "sends",
                AttributeValue.fromL(r.sends().stream().map(Attributes::n).toList()));
        item.put(
                "failures",
                AttributeValue.fromL(r.failures().stream().map(Attributes::n).toList()));
        r.suspendedUntil().ifPresent(until -> item.put("suspendedUntil", n(until.toEpochMilli())));
        if (r.liveVerificationId() != null) {
            item.put("liveVerificationId", s(r.liveVerificationId()));
        }
        item.put("version", n(r.version()));
        Instant suspendedEnd = r.suspendedUntil().filter(now::isBefore).orElse(now);
        item.put("purgeAt", n(suspendedEnd.plus(policy.historyWindow()).getEpochSecond()));
        return item;
    }

    static ContactRecord fromItem(Map<String, AttributeValue> item) {
        return new ContactRecord(
                numbers(item.get("sends")),
                numbers(item.get("failures")),
                item.containsKey("suspendedUntil")
                        ? Optional.of(Instant.ofEpochMilli(Attributes.number(item, "suspendedUntil")))
                        : Optional.empty(),
                Attributes.string(item, "liveVerificationId"),
                Attributes.number(item, "version"));
    }

    private static List<Long> numbers(AttributeValue value) {
        return value == null || !value.hasL()
                ? List.of()
                : value.l().stream().map(v -> Long.parseLong(v.n())).toList();
    }
}
