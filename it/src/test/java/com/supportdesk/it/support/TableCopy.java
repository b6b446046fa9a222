package com.supportdesk.it.support;

import com.supportdesk.local.LocalAws;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A new, empty table defined like one the template created (keys, attributes, indexes, projections), for
 * tests that must not see other tests' items: the SLA sweep works over every case of its table.
 */
public final class TableCopy {
    private TableCopy() {}

    /** Creates the copy of the template table {@code logicalId} and returns its name. */
    public static String of(LocalAws aws, String logicalId) {
        DynamoDbClient dynamo = aws.emulators().dynamoDbClient();
        TableDescription t = dynamo.describeTable(
                        b -> b.tableName(aws.emulators().tableNames().get(logicalId)))
                .table();
        String name = logicalId + "-" + UUID.randomUUID();
        dynamo.createTable(b -> {
            b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(t.attributeDefinitions())
                    .keySchema(t.keySchema());
            // DynamoDB refuses an empty list of indexes: a table without any gets none
            if (t.hasGlobalSecondaryIndexes() && !t.globalSecondaryIndexes().isEmpty()) {
                b.globalSecondaryIndexes(t.globalSecondaryIndexes().stream()
                        .map(i -> GlobalSecondaryIndex.builder()
                                .indexName(i.indexName())
                                .keySchema(i.keySchema())
                                .projection(i.projection())
                                .build())
                        .toList());
            }
        });
        // the SDK's waiter sleeps 20 s whenever its first look finds the table still creating
        for (int i = 0; i < 200; i++) {
            if (dynamo.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) {
                return name;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Table " + name + " did not become active");
    }
}
