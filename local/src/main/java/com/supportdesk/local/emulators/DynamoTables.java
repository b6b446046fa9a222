package com.supportdesk.local.emulators;

import com.supportdesk.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** Creates the DynamoDB tables exactly as {@code template.yaml} defines them (keys, attributes, GSIs). */
public final class DynamoTables {
    private DynamoTables() {}

    /** Creates every table; returns logical id → table name (locally the logical id itself). */
    public static Map<String, String> createAll(DynamoDbClient client, SamTemplate template) {
        Map<String, String> names = new LinkedHashMap<>();
        template.tables().forEach((logicalId, properties) -> {
            client.createTable(request(logicalId, properties));
            client.waiter().waitUntilTableExists(b -> b.tableName(logicalId));
            names.put(logicalId, logicalId);
        });
        return names;
    }

    static CreateTableRequest request(String tableName, Map<String, Object> properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(DynamoTables::map)
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(str(a.get("AttributeName")))
                                .attributeType(str(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object raw : list(properties.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = map(raw);
            Map<String, Object> projection = map(index.get("Projection"));
            Projection.Builder projected = Projection.builder()
                    .projectionType(ProjectionType.fromValue(str(projection.getOrDefault("ProjectionType", "ALL"))));
            List<String> nonKey = list(projection.get("NonKeyAttributes")).stream()
                    .map(String::valueOf)
                    .toList();
            if (!nonKey.isEmpty()) {
                projected.nonKeyAttributes(nonKey);
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(str(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projected.build())
                    .build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        return list(raw).stream()
                .map(DynamoTables::map)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(str(k.get("AttributeName")))
                        .keyType(str(k.get("KeyType")))
                        .build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String str(Object value) {
        return String.valueOf(value);
    }
}
