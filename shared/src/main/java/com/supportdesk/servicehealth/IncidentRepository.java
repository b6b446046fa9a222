package com.supportdesk.servicehealth;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.supportdesk.model.ServiceName;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.persistence.VersionedWrite;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * {@code SERVICE#startedAt#id}) answers "active incidents, optionally of one service" without a scan. The
 * sparse {@code byResolvedAt} index (key {@code resolvedState}, present only on resolved incidents, sort key
 * {@code resolvedKey} = fixed-width resolvedAt#id) answers "resolved since then, newest first" with one
 * range read, however long the history grows.
 */
public final class IncidentRepository {
    static final String BY_STATE = "byState";
    static final String BY_RESOLVED_AT = "byResolvedAt";
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
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

    /** One page of resolved incidents and where the next starts (the index position), if anywhere. */
    public record Page(List<Incident> incidents, Optional<Map<String, AttributeValue>> next) {}

    /**
     * Incidents resolved from {@code since} up to {@code until}, newest first, at most {@code limit} read per
     * page; of one service when given (a filter within the history period, which bounds what is read).
     */
    public Page resolved(
            Instant since,
            Instant until,
            Optional<ServiceName> service,
            int limit,
            Optional<Map<String, AttributeValue>> start) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":resolved", s(IncidentStatus.RESOLVED.name()));
        values.put(":since", s(SORTABLE.format(since)));
        // "~" sorts after "#", so every incident resolved in the last millisecond up to until is included
        values.put(":until", s(SORTABLE.format(until) + "~"));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(BY_RESOLVED_AT)
                .keyConditionExpression("resolvedState = :resolved AND resolvedKey BETWEEN :since AND :until")
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start.orElse(null));
        if (service.isPresent()) {
            values.put(":service", s(service.get().name()));
            query.filterExpression("service = :service");
        }
        QueryResponse page =
                dynamo.query(query.expressionAttributeValues(values).build());
        List<Incident> incidents =
                page.items().stream().map(IncidentRepository::fromItem).toList();
        return new Page(
                incidents,
                page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? Optional.of(page.lastEvaluatedKey())
                        : Optional.empty());
    }

    /** Up to {@code max} incidents resolved since {@code since}, newest first, reading pages until enough. */
    public List<Incident> recentlyResolved(Instant since, Instant until, Optional<ServiceName> service, int max) {
        List<Incident> found = new ArrayList<>();
        Optional<Map<String, AttributeValue>> start = Optional.empty();
        do {
            Page page = resolved(since, until, service, max, start);
            found.addAll(page.incidents());
            start = page.next();
        } while (found.size() < max && start.isPresent());
        return found.size() > max ? List.copyOf(found.subList(0, max)) : found;
    }

    static String resolvedKey(Instant resolvedAt, String incidentId) {
        return SORTABLE.format(resolvedAt) + "#" + incidentId;
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
        if (i.status() == IncidentStatus.RESOLVED && i.resolvedAt() != null) {
            // only resolved incidents enter the history index; reopening one takes it out again
            item.put("resolvedState", s(IncidentStatus.RESOLVED.name()));
            item.put("resolvedKey", s(resolvedKey(i.resolvedAt(), i.incidentId())));
        }
        if (!i.updates().isEmpty()) {
            item.put(
                    "updates",
                    AttributeValue.fromL(i.updates().stream()
                            .map(u -> AttributeValue.fromM(Map.of(
                                    "at", instant(u.at()),
                                    "status", s(u.status().name()),
                                    "message", s(u.message()),
                                    "by", s(u.by()))))
                            .toList()));
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
                Attributes.string(item, "updatedBy"),
                updates(item));
    }

    private static List<IncidentUpdate> updates(Map<String, AttributeValue> item) {
        AttributeValue list = item.get("updates");
        if (list == null || !list.hasL()) {
            return List.of();
        }
        return list.l().stream()
                .map(AttributeValue::m)
                .map(u -> new IncidentUpdate(
                        Attributes.instant(u, "at"),
                        IncidentStatus.valueOf(Attributes.string(u, "status")),
                        Attributes.string(u, "message"),
                        Attributes.string(u, "by")))
                .toList();
    }
}
