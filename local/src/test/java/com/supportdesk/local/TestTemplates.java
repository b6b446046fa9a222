package com.supportdesk.local;

import com.supportdesk.local.template.SamTemplate;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Templates kept with the tests, for what the project's template.yaml does not have. */
public final class TestTemplates {
    private TestTemplates() {}

    /** Topics, subscriptions, queues with a dead-letter queue, an SQS consumer and a scheduled function. */
    public static Path eventSourcesFile() {
        try {
            return Path.of(TestTemplates.class
                    .getResource("/com/supportdesk/local/event-sources-template.yaml")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SamTemplate eventSources() {
        return SamTemplate.load(eventSourcesFile());
    }
}
