package com.supportdesk.verification;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.VerificationMethod;
import com.supportdesk.persistence.Attributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Access grants in DynamoDB, issued by PIN verification and checked by any function that lets an agent
 * act for a tenant (case submission reads the {@code Verification-Grant} header and calls
 * {@link #valid}). A function that checks grants needs {@code dynamodb:GetItem} on the grants table and
 * its name in {@value #TABLE_ENV}.
 */
public final class AccessGrantRepository {
    /** The environment variable that names the grants table. */
    public static final String TABLE_ENV = "ACCESS_GRANTS_TABLE";
    /** The request header an agent sends a grant id in. */
    public static final String HEADER = "Verification-Grant";

    private static final Pattern GRANT_ID = Pattern.compile("GRT(-[0-9A-Z]{4}){5}");
    private static final Duration RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public AccessGrantRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Writes a grant unless one with its id exists. A verification fixes its grant's id and times when it
     * is consumed, so every write for it is the same grant; the condition makes exactly one of them the
     * one that issued it.
     *
     * @return true if this call wrote the grant, false if it already existed
     */
    public boolean issue(AccessGrant grant) {
        try {
            put(grant);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void put(AccessGrant grant) {
        dynamo.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(Map.of(
                        "grantId", s(grant.grantId()),
                        "tenantId", s(grant.tenantId()),
                        "agentSubject", s(grant.agentSubject()),
                        "verificationId", s(grant.verificationId()),
                        "method", s(grant.method().name()),
                        "issuedAt", instant(grant.issuedAt()),
                        "expiresAt", instant(grant.expiresAt()),
                        "purgeAt", n(grant.expiresAt().plus(RETENTION).getEpochSecond())))
                .conditionExpression("attribute_not_exists(grantId)")
                .build());
    }

    /**
     * The grant, if {@code grantId} names one that was issued to {@code agentSubject} for {@code tenantId}
     * and has not expired at {@code now}; empty for anything else (malformed, unknown, another agent's,
     * another tenant's, expired), without saying which.
     */
    public Optional<AccessGrant> valid(String grantId, String agentSubject, String tenantId, Instant now) {
        if (grantId == null
                || agentSubject == null
                || tenantId == null
                || !GRANT_ID.matcher(grantId).matches()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("grantId", s(grantId)))
                        .consistentRead(true)
                        .build())
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AccessGrant grant = new AccessGrant(
                Attributes.string(item, "grantId"),
                Attributes.string(item, "tenantId"),
                Attributes.string(item, "agentSubject"),
                Attributes.string(item, "verificationId"),
                VerificationMethod.valueOf(Attributes.string(item, "method")),
                Attributes.instant(item, "issuedAt"),
                Attributes.instant(item, "expiresAt"));
        boolean ok =
                grant.agentSubject().equals(agentSubject) && grant.tenantId().equals(tenantId) && grant.validAt(now);
        return ok ? Optional.of(grant) : Optional.empty();
    }

    /** A new, unguessable grant id. */
    public static String newId() {
        return com.supportdesk.ids.Ids.next("GRT", 5);
    }
}
