package com.supportdesk.functions.casesubmission;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.api.Validate;
import com.supportdesk.cases.AgentGrantCheck;
import com.supportdesk.cases.CaseOutbox;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.CaseSubmissionService;
import com.supportdesk.cases.FirstResponseStats;
import com.supportdesk.cases.IdempotencyKeys;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.identity.Role;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.PrimingStep;
import com.supportdesk.lambda.Route;
import com.supportdesk.model.ServiceName;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.servicehealth.IncidentHistory;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.sla.SlaWarmUp;
import com.supportdesk.verification.AccessGrantRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code POST /cases} and {@code GET /support/options}. */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class CaseSubmissionHandler extends HttpApiFunction implements RequestStreamHandler {

    public CaseSubmissionHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public CaseSubmissionHandler(FunctionEnvironment context) {
        this(context, new AwsClients(context).dynamoDb(), SnsNotificationPublisher.from(context));
    }

    private CaseSubmissionHandler(
            FunctionEnvironment context, DynamoDbClient dynamo, SnsNotificationPublisher notifications) {
        this(
                service(context, dynamo, notifications),
                new IncidentRepository(dynamo, context.required("INCIDENTS_TABLE")),
                notifications);
    }

    private static CaseSubmissionService service(
            FunctionEnvironment context, DynamoDbClient dynamo, SnsNotificationPublisher notifications) {
        CaseSla sla = new CaseSla(SlaPolicySource.from(context));
        String casesTable = context.required("CASES_TABLE");
        CaseRepository cases = new CaseRepository(dynamo, casesTable, sla);
        return new CaseSubmissionService(
                cases,
                new IdempotencyKeys(dynamo, casesTable, context.clock()),
                new OrganizationRepository(dynamo, context.required("ORGANIZATIONS_TABLE")),
                new IncidentRepository(dynamo, context.required("INCIDENTS_TABLE")),
                sla,
                new CaseOutbox(cases, notifications),
                grants(new AccessGrantRepository(dynamo, context.required(AccessGrantRepository.TABLE_ENV))),
                // the deployment's own community (template parameter CommunityForumUrl), never a built-in one
                context.required("COMMUNITY_FORUM_URL"),
                context.clock(),
                Optional.of(new FirstResponseStats(dynamo, casesTable, expectedWait(context))),
                IncidentHistory.parse(context.optional("INCIDENT_HISTORY_DAYS")));
    }

    /** How far back the typical wait looks, and below how many cases it says nothing (template settings). */
    private static FirstResponseStats.Settings expectedWait(FunctionEnvironment context) {
        return FirstResponseStats.Settings.parse(
                context.optional("EXPECTED_WAIT_WINDOW_DAYS"), context.optional("EXPECTED_WAIT_MIN_CASES"));
    }

    /** An agent acts for a tenant only with a live grant from their own PIN verification of the caller. */
    private static AgentGrantCheck grants(AccessGrantRepository store) {
        return (agent, grantId, tenantId, now) ->
                store.valid(grantId, agent.subject(), tenantId, now).isPresent();
    }

    private CaseSubmissionHandler(
            CaseSubmissionService cases, IncidentRepository incidents, SnsNotificationPublisher notifications) {
        super(Map.<String, Route>of(
                "POST /cases",
                        request -> {
                            var submission = cases.submit(
                                    request.caller(),
                                    request.body(),
                                    request.header("Idempotency-Key"),
                                    request.header(AccessGrantRepository.HEADER),
                                    request.acceptLanguage());
                            ApiResponse response = submission.created()
                                    ? ApiResponse.created(submission.body(), "/cases/" + submission.caseId())
                                    : ApiResponse.ok(submission.body());
                            return submission
                                    .language()
                                    .map(response::inLanguage)
                                    .orElse(response);
                        },
                "GET /support/options",
                        request -> {
                            var options = cases.options(
                                    request.caller(),
                                    request.query("service").map(v -> Validate.oneOf("service", v, ServiceName.class)),
                                    request.acceptLanguage());
                            return ApiResponse.ok(options).inLanguage(options.language());
                        }));
        // SnapStart: the options and a submission for a tenant without a profile (reads, then 404 / 422);
        // then what a submission uses that no read-only request reaches: SLA engine, incidents, the topic
        primeWith(
                PrimingRequest.to("GET /support/options").as(Role.ADMIN).query("service", "EXCHANGE_ONLINE"),
                PrimingRequest.to("POST /cases")
                        .as(Role.ADMIN)
                        .header("Idempotency-Key", PrimingRequest.ABSENT_TENANT)
                        .body("{\"category\": \"TECHNICAL\", \"service\": \"EXCHANGE_ONLINE\", \"severity\": \"B\"}"),
                PrimingStep.read("SLA engine", () -> SlaWarmUp.run(Instant.now())),
                PrimingStep.read("active incidents", () -> incidents.active(Optional.empty())),
                PrimingStep.read("notifications topic", notifications::warmUp));
    }
}
