package com.supportdesk.servicehealth;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.ServiceName;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.persistence.VersionedWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Incidents in DynamoDB. The {@code byState} index (key {@code state}, sort key
 * {@code SERVICE#startedAt#id}) answers "active incidents, optionally of one service" without a scan.
 */
public final class IncidentRepository {
    static final String BY_STATE = "byState";
    private final DynamoDbClient dynamo;
    private final String table;

    public IncidentRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Incident> find(String incidentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("incidentId", s(incidentId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Active incidents, oldest first; of one service when {@code service} is given. */
    public List<Incident> active(Optional<ServiceName> service) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(IncidentStatus.ACTIVE.name()));
        String condition = "#state = :state";
        if (service.isPresent()) {
            condition += " AND begins_with(serviceStarted, :service)";
            values.put(":service", s(service.get().name() + "#"));
        }
        List<Incident> incidents = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .indexName(BY_STATE)
                    .keyConditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(item -> incidents.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        incidents.sort(java.util.Comparator.comparing(Incident::startedAt));
        return incidents;
    }

    /** Writes the incident if the stored version is one less (or none exists for version 1). */
    public boolean save(Incident incident) {
        return VersionedWrite.put(dynamo, table, toItem(incident), "incidentId", incident.version());
    }

    static Map<String, AttributeValue> toItem(Incident i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("incidentId", s(i.incidentId()));
        item.put("service", s(i.service().name()));
        item.put("title", s(i.title()));
        if (i.description() != null) {
            item.put("description", s(i.description()));
        }
        item.put("state", s(i.status().name()));
        item.put("serviceStarted", s(i.service().name() + "#" + i.startedAt() + "#" + i.incidentId()));
        item.put("startedAt", instant(i.startedAt()));
        if (i.resolvedAt() != null) {
            item.put("resolvedAt", instant(i.resolvedAt()));
        }
        item.put("version", n(i.version()));
        item.put("updatedAt", instant(i.updatedAt()));
        item.put("updatedBy", s(i.updatedBy()));
        return item;
    }

    static Incident fromItem(Map<String, AttributeValue> item) {
        return new Incident(
                Attributes.string(item, "incidentId"),
                ServiceName.valueOf(Attributes.string(item, "service")),
                Attributes.string(item, "title"),
                Attributes.string(item, "description"),
                IncidentStatus.valueOf(Attributes.string(item, "state")),
                Attributes.instant(item, "startedAt"),
                Attributes.instant(item, "resolvedAt"),
                Attributes.number(item, "version"),
                Attributes.instant(item, "updatedAt"),
                Attributes.string(item, "updatedBy"));
    }
}
