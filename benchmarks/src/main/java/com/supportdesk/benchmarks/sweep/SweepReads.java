package com.supportdesk.benchmarks.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * What the sweep's DynamoDB client read, as the table answered it: the items every Query read
 * ({@code ScannedCount}, per index), the items every GetItem returned (the sweep's state item apart from
 * the cases), the read capacity the table charged, and how many calls of each operation were made. Only
 * the benchmark's own client carries it; it asks the table to report the capacity of every GetItem too
 * (the sweep's queries ask already), which changes nothing of what is read.
 */
final class SweepReads implements ExecutionInterceptor {
    /** The partition key of the sweep's state item ({@code CaseSweepStore}). */
    private static final String STATE_PK = "SWEEP#sla";

    final Map<String, LongAdder> queryItems = new ConcurrentHashMap<>();
    final LongAdder caseItems = new LongAdder();
    final LongAdder stateItems = new LongAdder();
    final DoubleAdder readUnits = new DoubleAdder();
    final LongAdder unitsReported = new LongAdder();
    final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get && get.returnConsumedCapacity() == null) {
            return get.toBuilder()
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .build();
        }
        return context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                .increment();
        if (context.response() instanceof QueryResponse query
                && context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest asked) {
            String index = asked.indexName() == null ? "(table)" : asked.indexName();
            queryItems
                    .computeIfAbsent(index, k -> new LongAdder())
                    .add(query.scannedCount() == null ? query.count() : query.scannedCount());
            units(query.consumedCapacity());
        } else if (context.response() instanceof GetItemResponse got
                && context.request() instanceof GetItemRequest asked) {
            if (got.hasItem() && !got.item().isEmpty()) {
                AttributeValue pk = asked.key().get("pk");
                (pk != null && STATE_PK.equals(pk.s()) ? stateItems : caseItems).increment();
            }
            units(got.consumedCapacity());
        }
    }

    private void units(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            readUnits.add(capacity.capacityUnits());
            unitsReported.increment();
        }
    }

    long queryItems(String index) {
        LongAdder n = queryItems.get(index);
        return n == null ? 0 : n.sum();
    }

    long calls(String operation) {
        LongAdder n = calls.get(operation);
        return n == null ? 0 : n.sum();
    }

    long allCalls() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
