package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.api.Json;
import com.supportdesk.api.Validate;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.Route;
import com.supportdesk.model.ServiceName;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.Log;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /support/suggestions?q=&service=&limit=}: help articles before contacting support. A function
 * of its own because it carries Lucene and two dictionaries that no other function should load.
 */
public final class SupportSuggestionsHandler extends HttpApiFunction {

    public SupportSuggestionsHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public SupportSuggestionsHandler(FunctionEnvironment context) {
        this(primed(SuggestionService.load(context.required("COMMUNITY_FORUM_URL"), Log::info)));
    }

    /**
     * One answer written as JSON during init: the first serialisation of the answer's types costs more
     * than a search, and this way it is paid before the first customer (and before a SnapStart snapshot).
     */
    private static SuggestionService primed(SuggestionService suggestions) {
        Caller agent = new Caller("init", Optional.empty(), Set.of(Role.AGENT));
        for (String query : List.of("cannot sign in", "SharePoint の権限が反映されない", "Outlook 无法登录 SSO")) {
            Json.write(suggestions.suggest(agent, query, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return suggestions;
    }

    private SupportSuggestionsHandler(SuggestionService suggestions) {
        super(Map.<String, Route>of("GET /support/suggestions", request -> {
            Suggestions answer = suggestions.suggest(
                    request.caller(),
                    request.query("q").orElse(null),
                    request.query("service").map(v -> Validate.oneOf("service", v, ServiceName.class)),
                    request.query("limit").map(SupportSuggestionsHandler::limit),
                    request.acceptLanguage());
            return ApiResponse.ok(answer).inLanguage(answer.language());
        }));
        // SnapStart: one search per language, so the first real question finds the analysers loaded
        primeWith(
                PrimingRequest.to("GET /support/suggestions").as(Role.ADMIN).query("q", "Outlook sign in"),
                PrimingRequest.to("GET /support/suggestions").as(Role.ADMIN).query("q", "サインインできない"),
                PrimingRequest.to("GET /support/suggestions").as(Role.ADMIN).query("q", "无法登录"));
    }

    private static int limit(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw Validate.invalid("limit", "limit", "max", SuggestionService.MAX_LIMIT);
        }
    }
}
