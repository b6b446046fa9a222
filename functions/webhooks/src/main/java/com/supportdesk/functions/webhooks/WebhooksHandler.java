package com.supportdesk.functions.webhooks;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.identity.Role;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.Route;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.webhooks.NewWebhook;
import com.supportdesk.webhooks.WebhookAddresses;
import com.supportdesk.webhooks.WebhookRepository;
import com.supportdesk.webhooks.WebhookSeal;
import com.supportdesk.webhooks.WebhookService;
import com.supportdesk.webhooks.WebhookView;
import java.util.Map;

/**
 * {@code POST /webhooks}, {@code GET /webhooks}, {@code GET /webhooks/{webhookId}} and
 * {@code DELETE /webhooks/{webhookId}}: an organisation's admins manage its outbound webhooks (decision 0017).
 */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class WebhooksHandler extends HttpApiFunction implements RequestStreamHandler {

    public WebhooksHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public WebhooksHandler(FunctionEnvironment context) {
        this(new WebhookService(
                new WebhookRepository(new AwsClients(context).dynamoDb(), context.required("WEBHOOKS_TABLE")),
                WebhookSeal.from(context),
                WebhookAddresses.from(context),
                context.clock()));
    }

    private WebhooksHandler(WebhookService webhooks) {
        super(Map.<String, Route>of(
                "POST /webhooks",
                        request -> {
                            WebhookView created = webhooks.register(request.caller(), request.body(NewWebhook.class));
                            return ApiResponse.created(created, "/webhooks/" + created.webhookId());
                        },
                "GET /webhooks", request -> ApiResponse.ok(webhooks.list(request.caller())),
                "GET /webhooks/{webhookId}",
                        request -> ApiResponse.ok(webhooks.get(request.caller(), request.path("webhookId"))),
                "DELETE /webhooks/{webhookId}",
                        request -> {
                            webhooks.delete(request.caller(), request.path("webhookId"));
                            return ApiResponse.noContent();
                        }));
        // SnapStart: the list and one webhook of a tenant that has none (a Query each, 404 for the one);
        // bodies parsed, then refused to the wrong role (403): reads only, no key is asked for
        primeWith(
                PrimingRequest.to("GET /webhooks").as(Role.ADMIN),
                PrimingRequest.to("GET /webhooks/{webhookId}").as(Role.ADMIN).path("webhookId", "WH-IOLU-IOLU-IOLU"),
                PrimingRequest.to("POST /webhooks").as(Role.OPERATOR).body("{}"),
                PrimingRequest.to("DELETE /webhooks/{webhookId}").as(Role.USER).path("webhookId", "WH-IOLU-IOLU-IOLU"));
    }
}
