package com.supportdesk.organizations;

import static com.supportdesk.persistence.Attributes.instant;
import static com.supportdesk.persistence.Attributes.n;
import static com.supportdesk.persistence.Attributes.s;
import static com.supportdesk.persistence.Attributes.strings;

import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.persistence.Attributes;
import com.supportdesk.persistence.VersionedWrite;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** Organisation profiles in DynamoDB, one item per tenant, written only with a version condition. */
public final class OrganizationRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public OrganizationRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Organization> find(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("tenantId", s(tenantId)))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Writes {@code organization} if the stored version is {@code organization.version() - 1}
     * (or, for version 1, if no profile exists yet).
     *
     * @return false when another write got there first: nothing was written
     */
    public boolean save(Organization organization) {
        return VersionedWrite.put(dynamo, table, toItem(organization), "tenantId", organization.version());
    }

    static Map<String, AttributeValue> toItem(Organization o) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(o.tenantId()));
        item.put("name", s(o.name()));
        item.put("country", s(o.country()));
        item.put("supportPlan", s(o.supportPlan().name()));
        item.put("language", s(o.language().tag()));
        item.put("emails", strings(o.contacts().emails()));
        item.put("phones", strings(o.contacts().phones()));
        if (o.partner() != null) {
            item.put(
                    "partner",
                    Attributes.map(Map.of(
                            "name", s(o.partner().name()),
                            "phone", s(o.partner().phone()),
                            "email", s(o.partner().email()))));
        }
        item.put("version", n(o.version()));
        item.put("updatedAt", instant(o.updatedAt()));
        item.put("updatedBy", s(o.updatedBy()));
        return item;
    }

    static Organization fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> partner = Attributes.map(item, "partner");
        return new Organization(
                Attributes.string(item, "tenantId"),
                Attributes.string(item, "name"),
                Attributes.string(item, "country"),
                SupportPlan.valueOf(Attributes.string(item, "supportPlan")),
                Language.fromTag(Attributes.string(item, "language")),
                new RegisteredContacts(Attributes.strings(item, "emails"), Attributes.strings(item, "phones")),
                partner == null
                        ? null
                        : new Partner(
                                Attributes.string(partner, "name"),
                                Attributes.string(partner, "phone"),
                                Attributes.string(partner, "email")),
                Attributes.number(item, "version"),
                Attributes.instant(item, "updatedAt"),
                Attributes.string(item, "updatedBy"));
    }
}
