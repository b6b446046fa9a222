package com.supportdesk.functions.organizations;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.identity.Role;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.Route;
import com.supportdesk.organizations.OrganizationDraft;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.OrganizationService;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import java.util.Map;

/** {@code PUT /orgs/{tenantId}} and {@code GET /orgs/{tenantId}}. */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class OrganizationsHandler extends HttpApiFunction implements RequestStreamHandler {

    public OrganizationsHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public OrganizationsHandler(FunctionEnvironment context) {
        this(new OrganizationService(
                new OrganizationRepository(new AwsClients(context).dynamoDb(), context.required("ORGANIZATIONS_TABLE")),
                context.clock()));
    }

    private OrganizationsHandler(OrganizationService organizations) {
        super(Map.<String, Route>of(
                "PUT /orgs/{tenantId}",
                        request -> {
                            var saved = organizations.put(
                                    request.caller(), request.path("tenantId"), request.body(OrganizationDraft.class));
                            return saved.created()
                                    ? ApiResponse.created(
                                            saved.organization(),
                                            "/orgs/" + saved.organization().tenantId())
                                    : ApiResponse.ok(saved.organization());
                        },
                "GET /orgs/{tenantId}",
                        request -> ApiResponse.ok(organizations.get(request.caller(), request.path("tenantId")))));
        // SnapStart: a GetItem of a tenant that does not exist (404); a body parsed, then refused to an admin (403)
        String absent = PrimingRequest.ABSENT_TENANT;
        primeWith(
                PrimingRequest.to("GET /orgs/{tenantId}").as(Role.OPERATOR).path("tenantId", absent),
                PrimingRequest.to("PUT /orgs/{tenantId}")
                        .as(Role.ADMIN)
                        .path("tenantId", absent)
                        .body("{}"));
    }
}
