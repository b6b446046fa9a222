package com.supportdesk.holidays;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.supportdesk.api.Json;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.persistence.VersionedWrite;
import com.supportdesk.sla.HolidayYear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The holiday years operators stored, in the cases table beside the sweep's state: one partition
 * {@code pk = HOLIDAYS}, {@code sk = <set>#<year>} (a set name has no {@code #}), so every stored year of
 * every set is one Query (a handful of items: sets × years). The year's dates are one JSON attribute
 * ({@code document}), written whole by {@link VersionedWrite}; no index attribute, so the items stay out
 * of every index. Reads are Queries only: every function that reads the SLA policy may already Query the
 * table, and IAM limits it to this partition where it may not (template.yaml, {@code dynamodb:LeadingKeys}).
 */
public final class HolidayStore {
    static final String PK = "HOLIDAYS";

    private final Supplier<DynamoDbClient> dynamo;
    private final String table;

    public HolidayStore(DynamoDbClient dynamo, String table) {
        this(() -> dynamo, table);
    }

    private HolidayStore(Supplier<DynamoDbClient> dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A store whose client is built on its first read (after a SnapStart restore, never into the snapshot). */
    public static HolidayStore lazy(Supplier<DynamoDbClient> client, String table) {
        return new HolidayStore(
                new Supplier<>() {
                    private DynamoDbClient built;

                    @Override
                    public synchronized DynamoDbClient get() {
                        if (built == null) {
                            built = client.get();
                        }
                        return built;
                    }
                },
                table);
    }

    /** Every stored year of every set, by set and year. */
    public List<StoredHolidayYear> all() {
        return query(Optional.empty());
    }

    public Optional<StoredHolidayYear> find(String set, int year) {
        return query(Optional.of(sk(set, year))).stream().findFirst();
    }

    /** Writes {@code stored}; false when its version is not the next one (someone else wrote in between). */
    public boolean put(StoredHolidayYear stored) {
        Map<String, AttributeValue> item = new HashMap<>();
        HolidayYear year = stored.year();
        item.put("pk", s(PK));
        item.put("sk", s(sk(year.set(), year.year())));
        item.put("document", s(Json.write(year)));
        item.put("version", n(stored.version()));
        item.put("updatedAt", instant(stored.updatedAt()));
        item.put("updatedBy", s(stored.updatedBy()));
        return VersionedWrite.put(dynamo.get(), table, item, "pk", stored.version());
    }

    private List<StoredHolidayYear> query(Optional<String> sk) {
        List<StoredHolidayYear> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", s(PK));
            sk.ifPresent(v -> values.put(":sk", s(v)));
            QueryResponse page = dynamo.get()
                    .query(QueryRequest.builder()
                            .tableName(table)
                            .keyConditionExpression(sk.isPresent() ? "pk = :pk AND sk = :sk" : "pk = :pk")
                            .expressionAttributeValues(values)
                            .consistentRead(true)
                            .exclusiveStartKey(start)
                            .build());
            page.items().forEach(item -> found.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    private static StoredHolidayYear fromItem(Map<String, AttributeValue> item) {
        HolidayYear year;
        try {
            year = Json.MAPPER.readValue(Attributes.string(item, "document"), HolidayYear.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable holiday year " + Attributes.string(item, "sk"), e);
        }
        return new StoredHolidayYear(
                year,
                Attributes.number(item, "version"),
                Attributes.instant(item, "updatedAt"),
                Attributes.string(item, "updatedBy"));
    }

    static String sk(String set, int year) {
        return set + "#" + year;
    }
}
