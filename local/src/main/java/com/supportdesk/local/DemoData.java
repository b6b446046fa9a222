package com.supportdesk.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import com.supportdesk.local.gateway.GatewayRequest;
import com.supportdesk.local.gateway.GatewayResponse;
import com.supportdesk.local.gateway.LocalGateway;
import com.supportdesk.local.gateway.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The demo data, sent through the gateway exactly like API calls (operator token, JSON body, the real
 * handler behind the route), so what is seeded is what the functions themselves accept and store.
 * The requests are listed in {@code demo-seed.json} next to this class.
 */
public final class DemoData {
    public static final String CONTOSO = "contoso";
    public static final String FABRIKAM = "fabrikam";

    /** One seed request; {@code as} names whose token sends it: operator, agent, admin:&lt;tenant&gt;. */
    public record Step(String what, String as, String method, String path, Map<String, Object> body) {}

    private DemoData() {}

    public static List<Step> steps() {
        try (InputStream in = DemoData.class.getResourceAsStream("demo-seed.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-seed.json is missing from the class path");
            }
            return Json.MAPPER.readValue(in, new TypeReference<List<Step>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("demo-seed.json cannot be read", e);
        }
    }

    /**
     * Sends every step. A step whose route's function is not available locally is skipped with a notice;
     * any other non-2xx answer stops the start-up, because the demo would be misleading without it.
     *
     * @param tokenFor  {@code as} value → bearer token
     * @param available logical ids of the functions that are loaded
     * @return the steps that were skipped
     */
    public static List<Step> seed(LocalGateway gateway, Function<String, String> tokenFor, Set<String> available) {
        List<Step> skipped = new java.util.ArrayList<>();
        for (Step step : steps()) {
            Optional<Router.Match> match = gateway.router().match(step.method(), step.path());
            if (match.isEmpty()
                    || !available.contains(match.get().route().function().logicalId())) {
                skipped.add(step);
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + tokenFor.apply(step.as()));
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "support-desk-local-seed");
            byte[] body =
                    step.body() == null ? new byte[0] : Json.write(step.body()).getBytes(StandardCharsets.UTF_8);
            GatewayResponse response = gateway.handle(GatewayRequest.of(step.method(), step.path(), headers, body));
            if (response.status() / 100 != 2) {
                throw new IllegalStateException("Seeding " + step.what() + " failed: " + step.method() + " "
                        + step.path() + " answered " + response.status() + " " + response.bodyText());
            }
        }
        return skipped;
    }
}
