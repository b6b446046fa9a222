package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.newTenant;

import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.SupportPlan;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every case test starts from: both case functions built from the template against the emulators,
 * a clock the test moves, WireMock standing in for SNS, and a fresh ADVANCED organisation.
 */
@ExtendWith(LocalAwsExtension.class)
abstract class CaseHandlersTest {
    /** Friday 2026-11-27 09:00 in Beijing. */
    static final Instant FRIDAY_0900_BEIJING = Instant.parse("2026-11-27T01:00:00Z");

    static SnsStub sns;
    final MutableClock clock = new MutableClock(FRIDAY_0900_BEIJING);
    CaseFixtures fixtures;
    HttpApiFunction submission;
    HttpApiFunction api;
    String tenant;

    @BeforeAll
    static void startSns() {
        sns = new SnsStub();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    /** Whether the test's organisation bought through a partner. */
    boolean withPartner() {
        return false;
    }

    @BeforeEach
    void setUp(LocalAws aws) {
        fixtures = new CaseFixtures(aws);
        submission = Handlers.http(aws, "CaseSubmissionFunction", clock, sns.environment());
        api = Handlers.http(aws, "CaseApiFunction", clock, sns.environment());
        tenant = newTenant();
        fixtures.organization(tenant, "CN", SupportPlan.ADVANCED, withPartner());
    }
}
