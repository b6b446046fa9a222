package com.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRunnerRefusalTest {
    @Test
    void aScheduleTheRunnerCannotRunStopsTheStartNamingItAndLeavesNothingRunning() throws URISyntaxException {
        Path template = Path.of(getClass()
                .getResource("/com/supportdesk/local/cron-schedule-template.yaml")
                .toURI());

        assertThatThrownBy(() -> LocalRunner.start(
                        LocalRunner.Options.forTests().withTemplate(template).withSeed(false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SweepFunction event Sweep")
                .hasMessageContaining("cron(0 9 * * ? *)");
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("sqs-poller-") || name.startsWith("schedule-"));
    }

    @Test
    void anEnvironmentOverrideForAFunctionTheTemplateLacksStopsTheStartNamingIt() {
        assertThatThrownBy(() -> LocalRunner.start(LocalRunner.Options.forTests()
                        .withTemplate(TestTemplates.eventSourcesFile())
                        .withSeed(false)
                        .withEnvironmentOverride("ConsumerFuncton", "AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConsumerFuncton")
                .hasMessageContaining("not a function of the template");
    }
}
