package com.supportdesk.cases;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;
import static com.supportdesk.persistence.Attributes.strings;

import com.supportdesk.api.Json;
import com.supportdesk.i18n.Text;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.persistence.VersionedWrite;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.sla.SlaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Cases in one DynamoDB table (see {@code docs/data-model.md}):
 * <ul>
 *   <li>the case: {@code pk = CASE#<id>}, {@code sk = CASE}, with its history and a {@code version};</li>
 *   <li>its messages: {@code pk = CASE#<id>}, {@code sk = MSG#<time>#<messageId>}, so one Query reads a case whole;</li>
 *   <li>idempotency keys: {@code pk = IDEMPOTENCY#<tenant>#<key>}, {@code sk = IDEMPOTENCY} (see {@link IdempotencyRecord}).</li>
 * </ul>
 * Every case write is conditional on the version it read. Index attributes are derived from the case
 * and its SLA state at write time; only case items carry them, so messages and keys stay out of every index.
 * No Scan and no transaction anywhere.
 */
public final class CaseRepository {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String CASE_PREFIX = "CASE#";
    static final String CASE_SK = "CASE";
    static final String MSG_PREFIX = "MSG#";
    static final String KEY_PREFIX = "IDEMPOTENCY#";
    static final String KEY_SK = "IDEMPOTENCY";
    /** The single partition of {@link Index#BY_RESPONSE_WARNING}: cases whose initial-response clock runs. */
    private static final String RUNNING = "RUNNING";
    /** The {@link Index#BY_OWNER} partition of active cases nobody owns; an agent's is {@code AGENT#<subject>}. */
    private static final String UNASSIGNED = "UNASSIGNED";

    private static final String AGENT_QUEUE_PREFIX = "AGENT#";

    /** The indexes case lists read, with their key attributes (template.yaml defines them). */
    enum Index {
        BY_TENANT("byTenant", "tenantId", "createdKey"),
        BY_TENANT_STATUS("byTenantStatus", "tenantStatus", "createdKey"),
        BY_STATUS("byStatus", "caseStatus", "createdKey"),
        BY_RESPONSE_WARNING("byResponseWarning", "responseClock", "responseWarnKey"),
        BY_OWNER("byOwner", "ownerQueue", "createdKey");

        final String indexName;
        final String partition;
        final String sort;

        Index(String indexName, String partition, String sort) {
            this.indexName = indexName;
            this.partition = partition;
            this.sort = sort;
        }

        Set<String> keyNames() {
            return Set.of(PK, SK, partition, sort);
        }
    }

    /** One page of a list and the token of the next, if any. */
    public record Page(List<SupportCase> cases, Optional<String> nextToken) {}

    private final DynamoDbClient dynamo;
    private final String table;
    private final CaseSla sla;
    private final PageTokens pageTokens;

    /** A repository that reads and writes cases but does not list them (no page-token key needed). */
    public CaseRepository(DynamoDbClient dynamo, String table, CaseSla sla) {
        this(dynamo, table, sla, PageTokens.unavailable());
    }

    /** @param pageTokens seals and opens the {@code nextToken} of {@link #list} */
    public CaseRepository(DynamoDbClient dynamo, String table, CaseSla sla, PageTokens pageTokens) {
        this.dynamo = dynamo;
        this.table = table;
        this.sla = sla;
        this.pageTokens = pageTokens;
    }

    // ------------------------------------------------------------------ cases

    /** Reads the case, its messages and its outbox with one consistent Query. */
    public Optional<StoredCase> find(String caseId) {
        SupportCase found = null;
        Map<String, NotificationRequest> outbox = Map.of();
        List<CaseMessage> messages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(CASE_PREFIX + caseId)))
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = Attributes.string(item, SK);
                if (CASE_SK.equals(sk)) {
                    found = fromItem(item);
                    outbox = outboxOf(item);
                } else if (sk != null && sk.startsWith(MSG_PREFIX)) {
                    messages.add(messageOf(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        if (found == null) {
            return Optional.empty();
        }
        // only messages that the history names: a message whose case write lost a race is not part of the case
        Set<String> named = new java.util.HashSet<>();
        found.history().forEach(e -> {
            if (e.messageId() != null) {
                named.add(e.messageId());
            }
        });
        messages.removeIf(m -> !named.contains(m.messageId()));
        return Optional.of(new StoredCase(found, messages, outbox));
    }

    /** Creates a case (version 1); false when a case with its id exists already. */
    public boolean create(SupportCase supportCase, Map<String, NotificationRequest> outbox) {
        return put(supportCase, outbox);
    }

    /** Writes the next version of a case; false when someone else wrote it since it was read. */
    public boolean update(SupportCase supportCase, Map<String, NotificationRequest> outbox) {
        return put(supportCase, outbox);
    }

    private boolean put(SupportCase c, Map<String, NotificationRequest> outbox) {
        return VersionedWrite.put(dynamo, table, toItem(c, outbox), PK, c.version());
    }

    /** Stores a message before the case write that names it. */
    public void putMessage(String caseId, CaseMessage message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(CASE_PREFIX + caseId));
        item.put(SK, s(MSG_PREFIX + SortableTime.format(message.at()) + "#" + message.messageId()));
        item.put("messageId", s(message.messageId()));
        item.put("at", instant(message.at()));
        item.put("by", s(message.by()));
        item.put("role", s(message.role().wireName()));
        item.put("text", s(message.text()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Removes a message whose case write lost (best effort: an unnamed message is never shown anyway). */
    public void deleteMessage(String caseId, CaseMessage message) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(
                            PK,
                            s(CASE_PREFIX + caseId),
                            SK,
                            s(MSG_PREFIX + SortableTime.format(message.at()) + "#" + message.messageId()))));
        } catch (DynamoDbException e) {
            // left behind, harmless
        }
    }

    /** Forgets an outbox entry once it was published (see {@link CaseOutbox}). */
    void removeFromOutbox(String caseId, String notificationId) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, s(CASE_PREFIX + caseId), SK, s(CASE_SK)))
                .updateExpression("REMOVE outbox.#id")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#id", notificationId)));
    }

    // ------------------------------------------------------------------ lists

    /**
     * One page of cases matching {@code query}. The index follows from what the query narrows by:
     * breaching-soon reads {@link Index#BY_RESPONSE_WARNING} (sort key {@code <warning instant>#<caseId>}, read
     * up to {@code <now>#~}: {@code ~} sorts after every character of a case id, so every case warned at or
     * before now is in range) and filters by tenant and status; a tenant and a status read
     * {@link Index#BY_TENANT_STATUS} (partition {@code <tenantId>#<STATUS>}); a tenant alone
     * {@link Index#BY_TENANT}; a status alone {@link Index#BY_STATUS}. Newest first (sort key
     * {@code <created instant>#<caseId>}), breaching-soon soonest first. An owner's queue reads
     * {@link Index#BY_OWNER} (active cases only) and filters by tenant and status.
     */
    public Page list(CaseQuery query) {
        if (query.owner().isPresent()) {
            // an owner's queue: the sparse byOwner index holds active cases only, newest first
            Map<String, String> filters = new LinkedHashMap<>();
            query.tenantId().ifPresent(t -> filters.put("tenantId", t));
            query.status().ifPresent(st -> filters.put("caseStatus", st.name()));
            return list(
                    Index.BY_OWNER,
                    ownerQueue(query.owner().get().agentId()),
                    Optional.empty(),
                    filters,
                    Optional.empty(),
                    query);
        }
        if (query.breachingSoonAt().isPresent()) {
            Instant now = query.breachingSoonAt().get();
            Map<String, String> filters = new LinkedHashMap<>();
            query.tenantId().ifPresent(t -> filters.put("tenantId", t));
            query.status().ifPresent(st -> filters.put("caseStatus", st.name()));
            return list(
                    Index.BY_RESPONSE_WARNING,
                    RUNNING,
                    Optional.of(SortableTime.format(now) + "#~"),
                    filters,
                    Optional.of(now),
                    query);
        }
        if (query.tenantId().isPresent() && query.status().isPresent()) {
            return list(
                    Index.BY_TENANT_STATUS,
                    tenantStatus(query.tenantId().get(), query.status().get()),
                    Optional.empty(),
                    Map.of(),
                    Optional.empty(),
                    query);
        }
        if (query.tenantId().isPresent()) {
            return list(Index.BY_TENANT, query.tenantId().get(), Optional.empty(), Map.of(), Optional.empty(), query);
        }
        return list(
                Index.BY_STATUS,
                query.status().orElseThrow().name(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                query);
    }

    /** The index a query reads: what {@link #list(CaseQuery)} chooses, for tests and capacity planning. */
    static Index indexFor(CaseQuery query) {
        if (query.owner().isPresent()) {
            return Index.BY_OWNER;
        }
        if (query.breachingSoonAt().isPresent()) {
            return Index.BY_RESPONSE_WARNING;
        }
        if (query.tenantId().isPresent()) {
            return query.status().isPresent() ? Index.BY_TENANT_STATUS : Index.BY_TENANT;
        }
        return Index.BY_STATUS;
    }

    /**
     * Partition key of {@link Index#BY_OWNER}: {@code AGENT#<subject>} for an agent's active cases (the prefix
     * keeps any subject apart from {@code UNASSIGNED}), {@code UNASSIGNED} for the active cases nobody owns.
     */
    private static String ownerQueue(Optional<String> agentId) {
        return agentId.map(id -> AGENT_QUEUE_PREFIX + id).orElse(UNASSIGNED);
    }

    /** Partition key of {@link Index#BY_TENANT_STATUS}: tenant ids never contain {@code #}. */
    private static String tenantStatus(String tenantId, CaseStatus status) {
        return tenantId + "#" + status.name();
    }

    /**
     * @param sortAtMost only keys up to this value
     * @param filters    attribute = value conditions applied after the key condition
     * @param dueAfter   only cases whose response is still due after this instant
     */
    private Page list(
            Index index,
            String partitionValue,
            Optional<String> sortAtMost,
            Map<String, String> filters,
            Optional<Instant> dueAfter,
            CaseQuery query) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#p", index.partition);
        values.put(":p", s(partitionValue));
        String condition = "#p = :p";
        if (sortAtMost.isPresent()) {
            names.put("#s", index.sort);
            values.put(":s", s(sortAtMost.get()));
            condition += " AND #s <= :s";
        }
        List<String> filterParts = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            names.put("#f" + i, filter.getKey());
            values.put(":f" + i, s(filter.getValue()));
            filterParts.add("#f" + i + " = :f" + i);
            i++;
        }
        if (dueAfter.isPresent()) {
            names.put("#due", "responseDueAt");
            values.put(":due", s(SortableTime.format(dueAfter.get())));
            filterParts.add("#due > :due");
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(index.indexName)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(index == Index.BY_RESPONSE_WARNING)
                .limit(query.limit());
        if (!filterParts.isEmpty()) {
            request.filterExpression(String.join(" AND ", filterParts));
        }
        query.pageToken()
                .ifPresent(token -> request.exclusiveStartKey(
                        pageTokens.open(token, index.indexName, index.keyNames(), index.partition, partitionValue)));
        QueryResponse response;
        try {
            response = dynamo.query(request.build());
        } catch (DynamoDbException e) {
            if (query.pageToken().isPresent() && isValidationError(e)) {
                throw PageTokens.invalid();
            }
            throw e;
        }
        List<SupportCase> cases =
                response.items().stream().map(CaseRepository::fromItem).toList();
        Optional<String> next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(pageTokens.seal(index.indexName, response.lastEvaluatedKey()))
                        : Optional.empty();
        return new Page(cases, next);
    }

    /** DynamoDB refuses a start key that does not fit the index: the token was not one of ours. */
    private static boolean isValidationError(DynamoDbException e) {
        return e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }

    // ------------------------------------------------------------------ mapping

    Map<String, AttributeValue> toItem(SupportCase c, Map<String, NotificationRequest> outbox) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(CASE_PREFIX + c.caseId()));
        item.put(SK, s(CASE_SK));
        item.put("caseId", s(c.caseId()));
        item.put("tenantId", s(c.tenantId()));
        item.put("category", s(c.category().name()));
        if (c.service() != null) {
            item.put("service", s(c.service().name()));
        }
        item.put("title", s(c.title()));
        item.put("description", s(c.description()));
        item.put("severity", s(c.severity().name()));
        if (c.businessImpact() != null) {
            item.put("businessImpact", s(c.businessImpact()));
        }
        item.put("contact", contactItem(c.contact()));
        item.put("caseStatus", s(c.status().name()));
        item.put("incidentIds", strings(c.incidentIds()));
        item.put(
                "history",
                AttributeValue.fromL(
                        c.history().stream().map(CaseRepository::eventItem).toList()));
        item.put("openedVia", s(c.openedVia().name()));
        item.put("version", n(c.version()));
        item.put("createdAt", instant(c.createdAt()));
        item.put("createdBy", s(c.createdBy()));
        item.put("updatedAt", instant(c.updatedAt()));
        if (c.suggestionsShown() != null) {
            item.put("suggestionsShown", AttributeValue.fromBool(c.suggestionsShown()));
        }
        // index attributes
        String createdKey = SortableTime.format(c.createdAt()) + "#" + c.caseId();
        item.put("createdKey", s(createdKey));
        item.put("tenantStatus", s(tenantStatus(c.tenantId(), c.status())));
        if (CaseTransitions.isActive(c.status())) {
            // only active cases are in a queue: a finished case leaves the index with this write
            item.put("ownerQueue", s(ownerQueue(c.owner())));
        }
        SlaStatus status = sla.status(c, c.updatedAt());
        SlaStatus.InitialResponse initial = status.initialResponse();
        if (initial.stoppedAt().isEmpty()) {
            item.put("responseClock", s(RUNNING));
            item.put("responseWarnKey", s(SortableTime.format(initial.warningAt()) + "#" + c.caseId()));
            item.put("responseDueAt", s(SortableTime.format(initial.dueAt())));
        }
        // when the sweep must look: something due or falling due (CaseChecks), or at once for an unpublished request
        Optional<Instant> check = CaseChecks.indexCheck(sla.policies(), c, status);
        if (!outbox.isEmpty()) {
            check = Optional.of(c.updatedAt()); // an unconfirmed notification is for the sweep to re-publish
        }
        check.ifPresent(at -> item.putAll(CaseSweepStore.checkAttributes(c.caseId(), at)));
        if (!outbox.isEmpty()) {
            Map<String, AttributeValue> entries = new LinkedHashMap<>();
            outbox.forEach((id, request) -> entries.put(id, s(Json.write(request))));
            item.put("outbox", AttributeValue.fromM(entries));
        }
        return item;
    }

    private static AttributeValue contactItem(CaseContact contact) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("name", s(contact.name()));
        m.put("email", s(contact.email()));
        if (contact.phone() != null) {
            m.put("phone", s(contact.phone()));
        }
        m.put("preferredMethod", s(contact.preferredMethod().name()));
        m.put("language", s(contact.language().tag()));
        return AttributeValue.fromM(m);
    }

    private static AttributeValue eventItem(CaseEvent e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("type", s(e.type().name()));
        m.put("at", instant(e.at()));
        m.put("by", s(e.by()));
        putIfPresent(m, "role", e.role() == null ? null : e.role().wireName());
        putIfPresent(m, "reason", e.reason());
        putIfPresent(m, "severity", e.severity() == null ? null : e.severity().name());
        putIfPresent(m, "status", e.status() == null ? null : e.status().name());
        putIfPresent(m, "from", e.from());
        putIfPresent(m, "messageId", e.messageId());
        if (!e.details().isEmpty()) {
            Map<String, AttributeValue> details = new HashMap<>();
            e.details().forEach((k, v) -> details.put(k, s(v)));
            m.put("details", AttributeValue.fromM(details));
        }
        return AttributeValue.fromM(m);
    }

    private static void putIfPresent(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }

    static SupportCase fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> contact = Attributes.map(item, "contact");
        List<CaseEvent> history = new ArrayList<>();
        AttributeValue raw = item.get("history");
        if (raw != null && raw.hasL()) {
            for (AttributeValue v : raw.l()) {
                Map<String, AttributeValue> m = v.m();
                String severity = Attributes.string(m, "severity");
                String status = Attributes.string(m, "status");
                history.add(new CaseEvent(
                        CaseEventType.valueOf(Attributes.string(m, "type")),
                        Attributes.instant(m, "at"),
                        Attributes.string(m, "by"),
                        actor(Attributes.string(m, "role")),
                        Attributes.string(m, "reason"),
                        severity == null ? null : Severity.valueOf(severity),
                        status == null ? null : CaseStatus.valueOf(status),
                        Attributes.string(m, "from"),
                        Attributes.string(m, "messageId"),
                        details(Attributes.map(m, "details"))));
            }
        }
        String service = Attributes.string(item, "service");
        String phone = Attributes.string(contact, "phone");
        return new SupportCase(
                Attributes.string(item, "caseId"),
                Attributes.string(item, "tenantId"),
                Category.valueOf(Attributes.string(item, "category")),
                service == null ? null : ServiceName.valueOf(service),
                Attributes.string(item, "title"),
                Attributes.string(item, "description"),
                Severity.valueOf(Attributes.string(item, "severity")),
                Attributes.string(item, "businessImpact"),
                new CaseContact(
                        Attributes.string(contact, "name"),
                        Attributes.string(contact, "email"),
                        phone,
                        ContactMethod.valueOf(Attributes.string(contact, "preferredMethod")),
                        Language.fromTag(Attributes.string(contact, "language"))),
                CaseStatus.valueOf(Attributes.string(item, "caseStatus")),
                Attributes.strings(item, "incidentIds"),
                history,
                OpenedVia.valueOf(Attributes.string(item, "openedVia")),
                Attributes.number(item, "version"),
                Attributes.instant(item, "createdAt"),
                Attributes.string(item, "createdBy"),
                Attributes.instant(item, "updatedAt"),
                item.containsKey("suggestionsShown")
                        ? item.get("suggestionsShown").bool()
                        : null);
    }

    private static Map<String, String> details(Map<String, AttributeValue> raw) {
        Map<String, String> details = new HashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> details.put(k, v.s()));
        }
        return details;
    }

    static Map<String, NotificationRequest> outboxOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> raw = Attributes.map(item, "outbox");
        if (raw == null) {
            return Map.of();
        }
        Map<String, NotificationRequest> outbox = new LinkedHashMap<>();
        raw.forEach((id, v) -> {
            try {
                outbox.put(id, Json.MAPPER.readValue(v.s(), NotificationRequest.class));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Unreadable outbox entry " + id, e);
            }
        });
        return outbox;
    }

    private static CaseMessage messageOf(Map<String, AttributeValue> item) {
        return new CaseMessage(
                Attributes.string(item, "messageId"),
                Attributes.instant(item, "at"),
                Attributes.string(item, "by"),
                actor(Attributes.string(item, "role")),
                Attributes.string(item, "text"));
    }

    static Refusal notFound(String caseId) {
        return Refusal.notFound(Text.of("NOT_FOUND.case", "id", caseId));
    }

    private static Actor actor(String wireName) {
        return wireName == null ? null : Actor.fromWireName(wireName);
    }
}
