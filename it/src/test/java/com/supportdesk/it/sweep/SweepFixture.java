package com.supportdesk.it.sweep;

import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.StoredCase;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sweep.SlaSweep;
import com.supportdesk.sweep.SweepPolicy;
import com.supportdesk.sweep.SweepSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A sweep's world for one test: a table of its own with the template's CasesTable definition (the sweep
 * works over every case of a table, so tests sharing one would see each other's clocks), a clock the
 * test moves, and SNS answered by WireMock.
 */
final class SweepFixture {
    static final String TOPIC = LocalAws.topicArn("NotificationsTopic");
    /** Plenty of time: a run is only ever cut short where a test says so. */
    static final Supplier<Duration> AMPLE_TIME = () -> Duration.ofMinutes(1);

    final LocalAws aws;
    final DynamoDbClient dynamo;
    final String table;
    final MutableClock clock;
    final SnsStub sns;
    final CaseRepository cases;

    SweepFixture(LocalAws aws, SnsStub sns, Instant start) {
        this.aws = aws;
        this.sns = sns;
        this.dynamo = aws.emulators().dynamoDbClient();
        this.table = TableCopy.of(aws, "CasesTable");
        this.clock = new MutableClock(start);
        this.cases = new CaseRepository(dynamo, table, new CaseSla(SlaPolicies.defaults()));
    }

    /** Settings of the tests: the defaults, looking back six hours on a first run. */
    static SweepSettings settings() {
        return SweepSettings.defaults().withFirstRunLookback(Duration.ofHours(6));
    }

    SlaSweep sweep() {
        return sweep(publisher(), settings(), SweepPolicy.defaults());
    }

    SlaSweep sweep(NotificationPublisher publisher, SweepSettings settings, SweepPolicy policy) {
        return sweep(dynamo, publisher, settings, policy);
    }

    SlaSweep sweep(DynamoDbClient client, NotificationPublisher publisher, SweepSettings settings, SweepPolicy policy) {
        return new SlaSweep(
                new CaseRepository(client, table, new CaseSla(policy)),
                new CaseSweepStore(client, table),
                policy,
                publisher,
                settings,
                clock);
    }

    /** The real SNS publisher, pointed at WireMock. */
    NotificationPublisher publisher() {
        Map<String, String> env = new HashMap<>(sns.environment());
        env.put("AWS_REGION", Emulators.REGION);
        env.put(SnsNotificationPublisher.TOPIC_ENV, TOPIC);
        return SnsNotificationPublisher.from(FunctionEnvironment.of(env, clock));
    }

    SupportCase store(SupportCase c) {
        if (!cases.create(c, Map.of())) {
            throw new IllegalStateException("Case " + c.caseId() + " exists");
        }
        return c;
    }

    StoredCase read(String caseId) {
        return cases.find(caseId).orElseThrow();
    }

    List<CaseEvent> sweepEntries(String caseId) {
        return read(caseId).supportCase().history().stream()
                .filter(e -> e.by().equals(com.supportdesk.cases.Actor.SYSTEM_SUBJECT))
                .toList();
    }

    Map<String, NotificationRequest> outbox(String caseId) {
        return read(caseId).outbox();
    }

    /** Notification ids SNS accepted for a case, each as often as it was published. */
    List<String> publishedIds(String caseId) {
        return sns.publishedFor(caseId).stream()
                .map(p -> p.message().path("notificationId").asText())
                .toList();
    }
}
