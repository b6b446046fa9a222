package com.supportdesk.it.sweep;

import com.supportdesk.local.emulators.Emulators;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts what a DynamoDB client asks for and what the table says it read: every operation, and for each
 * Query its index and the items it read ({@code ScannedCount}) and returned, as the SDK received them.
 */
final class ReadCounter implements ExecutionInterceptor {
    /** One Query as the table answered it. */
    record QueryRead(String index, int scanned, int returned, Double capacity) {}

    final Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();
    final List<QueryRead> queries = new CopyOnWriteArrayList<>();
    final AtomicInteger itemsGot = new AtomicInteger();

    /** A client of the local DynamoDB that reports to this counter. */
    DynamoDbClient client(Emulators emulators) {
        return DynamoDbClient.builder()
                .region(Region.of(Emulators.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(emulators.dynamoDbEndpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                .build();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        operations.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        if (context.response() instanceof QueryResponse q && context.request() instanceof QueryRequest r) {
            queries.add(new QueryRead(
                    r.indexName() == null ? "(table)" : r.indexName(),
                    q.scannedCount(),
                    q.count(),
                    q.consumedCapacity() == null ? null : q.consumedCapacity().capacityUnits()));
        }
        if (context.response() instanceof GetItemResponse g
                && g.hasItem()
                && !g.item().isEmpty()) {
            itemsGot.incrementAndGet();
        }
    }

    int calls(String operation) {
        AtomicInteger n = operations.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Items read by the queries of one index (their ScannedCount). */
    int scanned(String index) {
        return queries.stream()
                .filter(q -> q.index().equals(index))
                .mapToInt(QueryRead::scanned)
                .sum();
    }

    void reset() {
        operations.clear();
        queries.clear();
        itemsGot.set(0);
    }
}
