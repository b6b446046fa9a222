package com.supportdesk.persistence;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Optimistic locking for single-item records: version 1 is written only if no item has the key yet,
 * version n only over version n - 1. A lost race writes nothing and says so.
 */
public final class VersionedWrite {
    private VersionedWrite() {}

    /**
     * @param keyAttribute the table's partition key, which must be in {@code item}
     * @param version      the version {@code item} carries
     * @return false when another write got there first: nothing was written
     */
    public static boolean put(
            DynamoDbClient dynamo, String table, Map<String, AttributeValue> item, String keyAttribute, long version) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item);
        if (version == 1) {
            put.conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", keyAttribute));
        } else {
            put.conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", Attributes.n(version - 1)));
        }
        try {
            dynamo.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
