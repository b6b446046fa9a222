package com.supportdesk.local.schedule;

import com.supportdesk.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The event EventBridge sends a function on a schedule ({@code ScheduledEvent}). */
public final class ScheduledEvents {
    private ScheduledEvents() {}

    /**
     * @param time    the simulated instant of the run
     * @param ruleArn the rule that fired, named like SAM names it ({@code <stack>-<Function><Event>})
     */
    public static byte[] event(Instant time, String ruleArn, String region, String account) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", account);
        event.put("time", time.toString());
        event.put("region", region);
        event.put("resources", List.of(ruleArn));
        event.put("detail", Map.of());
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }
}
