package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.runtime.Log;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of an HTTP function (decision 0009). Before Lambda takes the snapshot of a published
 * version, the function answers a few {@link PrimingRequest}s of its own routes, the whole way a real
 * invocation goes: event JSON read, claims, route, domain, one read of each table, JSON answer written;
 * and makes the {@link PrimingStep#read reads} it lists besides (for example a topic's attributes, which
 * loads the SNS client's protocol and XML classes that a publish needs).
 * The snapshot then holds the loaded and initialised classes, the SDK clients' resolved configuration
 * and the JSON mapper's serialisers, and the first invocation after a restore does not pay for them.
 *
 * <p>The rules, which the tests check:
 *
 * <ul>
 *   <li>requests only read, and read what does not exist: nothing is written, sent or published;
 *   <li>nothing touches Secrets Manager or SSM, so no secret and no configuration read on first use is
 *       captured in the snapshot (the PIN key and a deployment's SLA policy are still read on first use,
 *       after the restore);
 *   <li>no log scope is opened: the first real invocation of a restored environment stays its cold start
 *       (decision 0005);
 *   <li>a failure is logged and swallowed: the function then starts unprimed, never not at all.
 * </ul>
 *
 * <p>{@link #afterRestore} has nothing to renew: codes and ids take a new {@code SecureRandom} per use,
 * credentials come from the SDK's default chain (which refreshes them), and a connection kept alive by
 * priming is idle for longer than the JDK keeps idle connections by the time any restore happens.
 *
 * <p>An HTTP function lists its steps with {@code primeWith} in its constructor; any other handler calls
 * {@link #reads} and keeps the result. The runtime calls {@link #beforeCheckpoint} only for SnapStart;
 * locally and in the tests nothing registers with a checkpoint, and {@link #run()} can be called directly.
 */
public final class Priming implements Resource {
    /** Priming of a function that registered no steps. */
    public static final Priming NONE = new Priming(null, List.of());

    private final HttpApiFunction function;
    private final List<PrimingStep> steps;

    private Priming(HttpApiFunction function, List<PrimingStep> steps) {
        this.function = function;
        this.steps = List.copyOf(steps);
    }

    /**
     * Registers with the runtime's checkpoint hooks. The runtime holds resources weakly: the function
     * keeps the returned object.
     */
    static Priming register(HttpApiFunction function, List<PrimingStep> steps) {
        Priming priming = new Priming(function, steps);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Priming of a function that is not an HTTP function (a scheduled or a queue handler): reads only,
     * registered with the runtime's checkpoint hooks. The runtime holds hooks weakly: keep the returned
     * object in a field of the handler.
     */
    public static Priming reads(PrimingStep.Read... reads) {
        Priming priming = new Priming(null, List.of(reads));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    public List<PrimingStep> steps() {
        return steps;
    }

    /**
     * What one step got: a request's status, 200 for a read that returned, or the type of what it threw
     * (status 0).
     */
    public record Outcome(String step, int status, String failure) {
        @Override
        public String toString() {
            return step + " " + (failure == null ? status : failure);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew; see the class comment
    }

    /** Runs every step once, logs one line with the outcomes, and never throws. */
    public List<Outcome> run() {
        if (steps.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (PrimingStep step : steps) {
            outcomes.add(run(step));
        }
        Log.info(
                "snapstart_primed",
                Map.of(
                        "steps",
                        outcomes.stream().map(Outcome::toString).toList(),
                        "ms",
                        (System.nanoTime() - started) / 1_000_000));
        return outcomes;
    }

    private Outcome run(PrimingStep step) {
        try {
            return switch (step) {
                case PrimingRequest request -> {
                    APIGatewayV2HTTPEvent event = HttpApiJson.read(new ByteArrayInputStream(eventJson(request)));
                    APIGatewayV2HTTPResponse response = function.answer(event);
                    HttpApiJson.write(response, OutputStream.nullOutputStream());
                    yield new Outcome(step.name(), response.getStatusCode(), null);
                }
                case PrimingStep.Read read -> {
                    read.read().run();
                    yield new Outcome(step.name(), 200, null);
                }
            };
        } catch (IOException | RuntimeException | LinkageError e) {
            return new Outcome(step.name(), 0, e.getClass().getName());
        }
    }

    /** The event API Gateway would send for this request after the JWT authorizer accepted its caller. */
    static byte[] eventJson(PrimingRequest request) throws IOException {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", request.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQueryString());
        ObjectNode headers = event.putObject("headers");
        if (request.body() != null) {
            headers.put("content-type", "application/json");
        }
        request.headers().forEach(headers::put);
        if (!request.queryParameters().isEmpty()) {
            request.queryParameters().forEach(event.putObject("queryStringParameters")::put);
        }
        if (!request.pathParameters().isEmpty()) {
            request.pathParameters().forEach(event.putObject("pathParameters")::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", request.routeKey());
        context.put("requestId", "snapstart-priming");
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        request.claims()
                .forEach(context.putObject("authorizer").putObject("jwt").putObject("claims")::put);
        if (request.body() != null) {
            event.put("body", request.body());
        }
        event.put("isBase64Encoded", false);
        return Json.MAPPER.writeValueAsBytes(event);
    }
}
