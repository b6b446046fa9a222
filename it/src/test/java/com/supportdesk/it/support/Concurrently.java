package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.lambda.HttpApiFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
        return callAll(events.stream()
                .<Callable<HttpResult>>map(event -> () -> Handlers.invoke(handler, event))
                .toList());
    }

    /** Every call's result, in the order of {@code calls}; for handlers of other event sources. */
    public static <T> List<T> callAll(List<Callable<T>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
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
