package com.supportdesk.functions.servicehealth;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.api.Validate;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.holidays.HolidayService;
import com.supportdesk.holidays.HolidayStore;
import com.supportdesk.identity.Role;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.Route;
import com.supportdesk.model.ServiceName;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.SecretKeySource;
import com.supportdesk.servicehealth.IncidentChange;
import com.supportdesk.servicehealth.IncidentHistory;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.servicehealth.IncidentService;
import com.supportdesk.servicehealth.IncidentStatus;
import com.supportdesk.servicehealth.NewIncident;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /service-health}, {@code POST /service-health/incidents}, {@code PATCH /service-health/incidents/{incidentId}};
 * and the desk's holiday sets, for operators: {@code GET /holidays}, {@code GET /holidays/{set}/{year}},
 * {@code PUT /holidays/{set}/{year}} (with {@code ?dryRun=true}, a preview of the cases it would move).
 */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class ServiceHealthHandler extends HttpApiFunction implements RequestStreamHandler {

    public ServiceHealthHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public ServiceHealthHandler(FunctionEnvironment context) {
        this(context, new AwsClients(context).dynamoDb());
    }

    private ServiceHealthHandler(FunctionEnvironment context, DynamoDbClient dynamo) {
        this(
                new IncidentService(
                        new IncidentRepository(dynamo, context.required("INCIDENTS_TABLE")),
                        context.clock(),
                        IncidentHistory.parse(context.optional("INCIDENT_HISTORY_DAYS")),
                        // the history's nextToken is sealed with the key of the case lists' page tokens
                        SecretKeySource.of(context, "PAGE_TOKEN_SECRET_ARN", "PAGE_TOKEN_KEY", "page-token key")),
                holidays(context, dynamo));
    }

    /** The desk's holiday sets (operators): stored beside the cases, whose clocks a change moves. */
    private static HolidayService holidays(FunctionEnvironment context, DynamoDbClient dynamo) {
        String casesTable = context.required("CASES_TABLE");
        return new HolidayService(
                SlaPolicySource.from(context),
                new HolidayStore(dynamo, casesTable),
                new CaseSweepStore(dynamo, casesTable),
                context.clock());
    }

    private ServiceHealthHandler(IncidentService incidents, HolidayService holidays) {
        super(Map.<String, Route>of(
                "GET /service-health",
                        request -> {
                            var service =
                                    request.query("service").map(v -> Validate.oneOf("service", v, ServiceName.class));
                            IncidentStatus state = request.query("state")
                                    .map(v -> Validate.oneOf("state", v, IncidentStatus.class))
                                    .orElse(IncidentStatus.ACTIVE);
                            if (state == IncidentStatus.ACTIVE) {
                                return ApiResponse.ok(Map.of("incidents", incidents.active(request.caller(), service)));
                            }
                            return ApiResponse.ok(incidents.resolved(
                                    request.caller(), service, request.query("limit"), request.query("nextToken")));
                        },
                "POST /service-health/incidents",
                        request -> {
                            var incident = incidents.open(request.caller(), request.body(NewIncident.class));
                            return ApiResponse.created(incident, "/service-health/incidents/" + incident.incidentId());
                        },
                "PATCH /service-health/incidents/{incidentId}",
                        request -> ApiResponse.ok(incidents.change(
                                request.caller(), request.path("incidentId"), request.body(IncidentChange.class))),
                "GET /holidays", request -> ApiResponse.ok(holidays.list(request.caller())),
                "GET /holidays/{set}/{year}",
                        request -> ApiResponse.ok(
                                holidays.get(request.caller(), request.path("set"), request.path("year"))),
                "PUT /holidays/{set}/{year}",
                        request -> ApiResponse.ok(holidays.put(
                                request.caller(),
                                request.path("set"),
                                request.path("year"),
                                request.body(HolidayService.YearRequest.class),
                                request.query("dryRun")
                                        .map(ServiceHealthHandler::flag)
                                        .orElse(false)))));
        // SnapStart: the active-incidents query; bodies parsed, then refused to an admin (403)
        primeWith(
                PrimingRequest.to("GET /service-health").as(Role.ADMIN).query("service", "EXCHANGE_ONLINE"),
                PrimingRequest.to("POST /service-health/incidents")
                        .as(Role.ADMIN)
                        .body("{}"),
                PrimingRequest.to("PATCH /service-health/incidents/{incidentId}")
                        .as(Role.ADMIN)
                        .path("incidentId", "INC-IOLU-IOLU")
                        .body("{}"),
                // the holiday routes refuse an admin before reading the policy (no SSM read into the snapshot)
                PrimingRequest.to("GET /holidays").as(Role.ADMIN),
                PrimingRequest.to("GET /holidays/{set}/{year}")
                        .as(Role.ADMIN)
                        .path("set", "CN")
                        .path("year", "2027"),
                PrimingRequest.to("PUT /holidays/{set}/{year}")
                        .as(Role.ADMIN)
                        .path("set", "CN")
                        .path("year", "2027")
                        .query("dryRun", "true")
                        .body("{\"holidays\": []}"));
    }

    private static boolean flag(String raw) {
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Validate.invalid("dryRun", "trueOrFalse");
        };
    }
}
