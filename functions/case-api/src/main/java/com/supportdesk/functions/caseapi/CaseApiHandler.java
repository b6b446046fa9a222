package com.supportdesk.functions.caseapi;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.api.Validate;
import com.supportdesk.cases.CaseChanges;
import com.supportdesk.cases.CaseOutbox;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseService;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.FirstResponseStats;
import com.supportdesk.cases.PageTokens;
import com.supportdesk.cases.SatisfactionSurvey;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.identity.Role;
import com.supportdesk.lambda.ApiRequest;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.PrimingStep;
import com.supportdesk.lambda.Route;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.reports.SlaReport;
import com.supportdesk.reports.SlaReportCsv;
import com.supportdesk.reports.SlaReportStore;
import com.supportdesk.reports.SlaReports;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.sla.SlaWarmUp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /cases/{caseId}}, {@code GET /cases}, {@code POST /cases/{caseId}/responses},
 * {@code POST /cases/{caseId}/replies}, {@code PATCH /cases/{caseId}}, {@code PUT /cases/{caseId}/satisfaction};
 * ownership and escalation: {@code POST /cases/{caseId}/take}, {@code PUT /cases/{caseId}/owner},
 * {@code POST /cases/{caseId}/escalations}; and {@code GET /reports/sla}. The report lives here because it reads
 * only the cases table, which this function already reads (decision 0016).
 */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class CaseApiHandler extends HttpApiFunction implements RequestStreamHandler {

    public CaseApiHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public CaseApiHandler(FunctionEnvironment context) {
        this(context, SnsNotificationPublisher.from(context), new AwsClients(context).dynamoDb());
    }

    private CaseApiHandler(FunctionEnvironment context, SnsNotificationPublisher notifications, DynamoDbClient dynamo) {
        this(
                service(context, notifications, dynamo),
                notifications,
                SatisfactionSurvey.Policy.parse(context.optional("SURVEY_CHANGE_PERIOD")),
                new SlaReports(new SlaReportStore(dynamo, context.required("CASES_TABLE")), context.clock()));
    }

    private static CaseService service(
            FunctionEnvironment context, SnsNotificationPublisher notifications, DynamoDbClient dynamo) {
        CaseSla sla = new CaseSla(SlaPolicySource.from(context));
        String casesTable = context.required("CASES_TABLE");
        CaseRepository cases =
                new CaseRepository(dynamo, casesTable, sla, new PageTokens(PageTokenKeySource.of(context)));
        return new CaseService(
                cases,
                new OrganizationRepository(dynamo, context.required("ORGANIZATIONS_TABLE")),
                sla,
                new CaseOutbox(cases, notifications),
                context.clock(),
                // first responses feed the expected-wait aggregate the support options read
                Optional.of(FirstResponseStats.writer(dynamo, casesTable)));
    }

    private CaseApiHandler(
            CaseService cases,
            SnsNotificationPublisher notifications,
            SatisfactionSurvey.Policy survey,
            SlaReports reports) {
        super(Map.<String, Route>of(
                "GET /cases/{caseId}", request -> ApiResponse.ok(cases.get(request.caller(), request.path("caseId"))),
                "GET /cases",
                        request -> ApiResponse.ok(cases.list(
                                request.caller(),
                                new CaseService.ListRequest(
                                        request.query("status"),
                                        request.query("tenant"),
                                        request.query("breachingSoon")
                                                .map(CaseApiHandler::flag)
                                                .orElse(false),
                                        request.query("limit"),
                                        request.query("nextToken"),
                                        request.query("owner")))),
                "POST /cases/{caseId}/responses",
                        request -> ApiResponse.ok(cases.respond(
                                request.caller(),
                                request.path("caseId"),
                                request.body(CaseChanges.AgentResponse.class))),
                "POST /cases/{caseId}/replies",
                        request -> ApiResponse.ok(cases.reply(
                                request.caller(),
                                request.path("caseId"),
                                request.body(CaseChanges.CustomerReply.class))),
                "PATCH /cases/{caseId}",
                        request -> ApiResponse.ok(cases.change(
                                request.caller(), request.path("caseId"), request.body(CaseChanges.Change.class))),
                "POST /cases/{caseId}/take",
                        request -> ApiResponse.ok(cases.take(request.caller(), request.path("caseId"))),
                "PUT /cases/{caseId}/owner",
                        request -> ApiResponse.ok(cases.assign(
                                request.caller(), request.path("caseId"), request.body(CaseChanges.Assignment.class))),
                "POST /cases/{caseId}/escalations",
                        request -> ApiResponse.ok(cases.escalate(
                                request.caller(), request.path("caseId"), request.body(CaseChanges.Escalation.class))),
                "PUT /cases/{caseId}/satisfaction",
                        request -> ApiResponse.ok(cases.rate(
                                request.caller(),
                                request.path("caseId"),
                                request.body(SatisfactionSurvey.Rating.class),
                                survey)),
                "GET /reports/sla", request -> report(reports, request)));
        // SnapStart: a tenant's list and a case that cannot exist (I, O, L, U are never in ids): reads, 404;
        // bodies parsed, then refused to the wrong role (403) or not found (a rating); an empty report; the SLA
        // engine and the topic, which a list with cases and a response use
        String absent = "CS-IOLU-IOLU-IOLU";
        primeWith(
                PrimingRequest.to("GET /cases").as(Role.ADMIN).query("status", "OPEN"),
                PrimingRequest.to("GET /cases/{caseId}").path("caseId", absent),
                PrimingRequest.to("POST /cases/{caseId}/responses")
                        .as(Role.ADMIN)
                        .path("caseId", absent)
                        .body("{}"),
                PrimingRequest.to("POST /cases/{caseId}/replies")
                        .path("caseId", absent)
                        .body("{}"),
                PrimingRequest.to("PATCH /cases/{caseId}")
                        .as(Role.USER)
                        .path("caseId", absent)
                        .body("{}"),
                // ownership and escalation: an agent's queue (an owner nobody is), a take of a case that cannot
                // exist (404), bodies parsed and refused to an admin (403)
                PrimingRequest.to("GET /cases").as(Role.AGENT).query("owner", "me"),
                PrimingRequest.to("POST /cases/{caseId}/take").as(Role.AGENT).path("caseId", absent),
                PrimingRequest.to("PUT /cases/{caseId}/owner")
                        .as(Role.ADMIN)
                        .path("caseId", absent)
                        .body("{}"),
                PrimingRequest.to("POST /cases/{caseId}/escalations")
                        .as(Role.ADMIN)
                        .path("caseId", absent)
                        .body("{}"),
                PrimingRequest.to("PUT /cases/{caseId}/satisfaction")
                        .as(Role.ADMIN)
                        .path("caseId", absent)
                        .body("{\"rating\":5}"),
                // one day of one tenant no one registers: one Query that finds nothing, rendered as CSV
                PrimingRequest.to("GET /reports/sla")
                        .as(Role.OPERATOR)
                        .query("from", "2026-01-01")
                        .query("to", "2026-01-01")
                        .query("tenantId", PrimingRequest.ABSENT_TENANT)
                        .query("format", "csv"),
                PrimingStep.read("SLA engine", () -> SlaWarmUp.run(Instant.now())),
                PrimingStep.read("notifications topic", notifications::warmUp));
    }

    /** JSON, or CSV when {@code ?format=csv} or the {@code Accept} header asks for {@code text/csv}. */
    private static ApiResponse report(SlaReports reports, ApiRequest request) {
        boolean csv = request.query("format")
                .map(f -> switch (f) {
                    case "csv" -> true;
                    case "json" -> false;
                    default -> throw Validate.invalid("format", "oneOf", "values", "[json, csv]");
                })
                .orElseGet(() -> request.header("accept")
                        .map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv"))
                        .orElse(false));
        SlaReport report = reports.report(
                request.caller(),
                new SlaReports.Request(request.query("from"), request.query("to"), request.query("tenantId")));
        if (!csv) {
            return ApiResponse.ok(report);
        }
        return ApiResponse.text(
                "text/csv; charset=utf-8",
                SlaReportCsv.render(report),
                Map.of(
                        "content-disposition",
                        "attachment; filename=\"sla-report-" + report.from() + "-" + report.to() + ".csv\""));
    }

    private static boolean flag(String raw) {
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Validate.invalid("breachingSoon", "trueOrFalse");
        };
    }
}
