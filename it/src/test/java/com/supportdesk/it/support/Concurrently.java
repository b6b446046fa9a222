package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.lambda.HttpApiFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fires requests at one handler at the same moment (one thread each, released together), as parallel
 * Lambda invocations would arrive: the way the "exactly once" and "at most N" promises are tested.
 */
public final class Concurrently {
    private Concurrently() {}

    /** Every event's answer, in the order of {@code events}. */
    public static List<HttpResult> invokeAll(HttpApiFunction handler, List<? extends JsonNode> events) {
        ExecutorService pool = Executors.newFixedThreadPool(events.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResult>> futures = new ArrayList<>();
            for (JsonNode event : events) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return Handlers.invoke(handler, event);
                }));
            }
            go.countDown();
            List<HttpResult> results = new ArrayList<>();
            for (Future<HttpResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("a request failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
