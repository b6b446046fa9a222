package com.supportdesk.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.notifications.dispatch.DeliveryMetrics;
import com.supportdesk.sweep.SweepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The template's alarms watch metrics the code really emits: an alarm on a misspelt or renamed metric
 * never fires, and nobody notices until the outage it was meant to catch.
 */
class AlarmContractTest {
    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private final SamTemplate template = SamTemplate.ofProject();

    @Test
    void everyAlarmOnTheDesksOwnMetricsNamesAMetricTheCodeEmits() {
        Set<String> emitted = new TreeSet<>();
        sweepMetrics().forEach(name -> emitted.add(SweepReport.NAMESPACE + "/" + name));
        deliveryMetrics().forEach(name -> emitted.add(DeliveryMetrics.NAMESPACE + "/" + name));

        List<Map<String, Object>> ownAlarms = template.resourcesOfType(ALARM).values().stream()
                .filter(p -> String.valueOf(p.get("Namespace")).startsWith("SupportDesk/"))
                .toList();
        assertThat(ownAlarms).isNotEmpty();
        for (Map<String, Object> alarm : ownAlarms) {
            assertThat(alarm.get("Namespace") + "/" + alarm.get("MetricName"))
                    .as("%s", alarm.get("AlarmDescription"))
                    .isIn(emitted);
            // The metrics are emitted without dimensions; an alarm with dimensions would watch nothing.
            assertThat(alarm).doesNotContainKey("Dimensions");
        }
    }

    @Test
    void theSweepIsWatchedForBacklogErrorsAndNotRunningAtAll() {
        Map<String, Map<String, Object>> sweepAlarms = template.resourcesOfType(ALARM).values().stream()
                .filter(p -> SweepReport.NAMESPACE.equals(p.get("Namespace")))
                .collect(Collectors.toMap(p -> String.valueOf(p.get("MetricName")), p -> p));
        assertThat(sweepAlarms).containsKeys("BacklogAge", "Errors", "Duration");
        // No completed run logs no Duration at all: missing data is the alarm, not its absence.
        assertThat(sweepAlarms.get("Duration"))
                .containsEntry("TreatMissingData", "breaching")
                .containsEntry("ComparisonOperator", "LessThanThreshold");
        sweepAlarms.values().forEach(alarm -> assertThat(String.valueOf(alarm.get("AlarmActions")))
                .contains("OnCallTopic"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> sweepMetrics() {
        SweepReport quietRun = new SweepReport(
                Instant.EPOCH,
                Duration.ZERO,
                0,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                0,
                Duration.ZERO,
                false,
                "",
                0,
                0,
                false,
                "");
        Map<String, Object> aws = (Map<String, Object>) quietRun.logLine().get("_aws");
        return metricNames((List<Map<String, Object>>) aws.get("CloudWatchMetrics"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> deliveryMetrics() {
        DeliveryMetrics metrics = new DeliveryMetrics();
        return metrics.documents(Instant.EPOCH).stream()
                .flatMap(
                        doc -> metricNames((List<Map<String, Object>>)
                                        ((Map<String, Object>) doc.get("_aws")).get("CloudWatchMetrics"))
                                .stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> metricNames(List<Map<String, Object>> directives) {
        return directives.stream()
                .flatMap(d -> ((List<Map<String, Object>>) d.get("Metrics")).stream())
                .map(m -> String.valueOf(m.get("Name")))
                .toList();
    }
}
