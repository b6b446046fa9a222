package com.supportdesk.functions.servicehealth;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.api.Validate;
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

/** {@code GET /service-health}, {@code POST /service-health/incidents}, {@code PATCH /service-health/incidents/{incidentId}}. */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class ServiceHealthHandler extends HttpApiFunction implements RequestStreamHandler {

    public ServiceHealthHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public ServiceHealthHandler(FunctionEnvironment context) {
        this(new IncidentService(
                new IncidentRepository(new AwsClients(context).dynamoDb(), context.required("INCIDENTS_TABLE")),
                context.clock(),
                IncidentHistory.parse(context.optional("INCIDENT_HISTORY_DAYS")),
                // the history's nextToken is sealed with the key of the case lists' page tokens
                SecretKeySource.of(context, "PAGE_TOKEN_SECRET_ARN", "PAGE_TOKEN_KEY", "page-token key")));
    }

    private ServiceHealthHandler(IncidentService incidents) {
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
                                request.caller(), request.path("incidentId"), request.body(IncidentChange.class)))));
        // SnapStart: the active-incidents query; bodies parsed, then refused to an admin (403)
        primeWith(
                PrimingRequest.to("GET /service-health").as(Role.ADMIN).query("service", "EXCHANGE_ONLINE"),
                PrimingRequest.to("POST /service-health/incidents")
                        .as(Role.ADMIN)
                        .body("{}"),
                PrimingRequest.to("PATCH /service-health/incidents/{incidentId}")
                        .as(Role.ADMIN)
                        .path("incidentId", "INC-IOLU-IOLU")
                        .body("{}"));
    }
}
