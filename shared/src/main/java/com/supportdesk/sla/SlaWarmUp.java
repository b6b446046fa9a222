package com.supportdesk.sla;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the SLA engine once per rule of the bundled default policy, for SnapStart priming (decision
 * 0009): the policy document is parsed and the calendars and the evaluator are loaded before the
 * snapshot, not on the first request after a restore. It reads nothing outside the artifact: a
 * deployment's own policy (SSM) is still read on first use, after the restore.
 */
public final class SlaWarmUp {
    private SlaWarmUp() {}

    public static void run(Instant now) {
        SlaPolicies policies = SlaPolicies.defaults();
        for (Category category : Category.values()) {
            for (Severity severity : policies.allowedSeverities(category)) {
                SlaEvaluator.evaluate(
                        policies,
                        List.of(TimelineEvent.submitted(now, severity, category)),
                        now.plus(Duration.ofHours(1)));
            }
        }
    }
}
