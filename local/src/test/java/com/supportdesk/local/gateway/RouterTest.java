package com.supportdesk.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.local.TestFunctions;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.HttpRoute;
import com.supportdesk.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static Router router(String... routes) {
        FunctionDefinition f = TestFunctions.http("F", "x.Y", routes);
        return new Router(f.httpRoutes());
    }

    @Test
    void matchesMethodAndPathAndDecodesParameters() {
        Router router = router("PUT /orgs/{tenantId}", "GET /orgs/{tenantId}");
        Router.Match match = router.match("PUT", "/orgs/con%20toso").orElseThrow();
        assertThat(match.route().routeKey()).isEqualTo("PUT /orgs/{tenantId}");
        assertThat(match.pathParameters()).isEqualTo(Map.of("tenantId", "con toso"));
        assertThat(router.match("get", "/orgs/a+b").orElseThrow().pathParameters())
                .containsEntry("tenantId", "a+b");
    }

    @Test
    void knownPathWithAnotherMethodIsNoMatch() {
        Router router = router("PUT /orgs/{tenantId}", "GET /orgs/{tenantId}");
        assertThat(router.match("DELETE", "/orgs/contoso")).isEmpty();
        assertThat(router.match("POST", "/orgs/contoso")).isEmpty();
    }

    @Test
    void unknownPathsAreNoMatch() {
        Router router = router("GET /orgs/{tenantId}", "GET /service-health");
        assertThat(router.match("GET", "/orgs")).isEmpty();
        assertThat(router.match("GET", "/orgs/")).isEmpty();
        assertThat(router.match("GET", "/orgs/a/b")).isEmpty();
        assertThat(router.match("GET", "/service-health/")).isEmpty();
        assertThat(router.match("GET", "/")).isEmpty();
        assertThat(router.match("GET", "/nothing")).isEmpty();
    }

    @Test
    void literalSegmentsWinOverParametersAndGreedyLast() {
        Router router = router(
                "GET /cases/{caseId}", "GET /cases/search", "ANY /cases/{proxy+}", "GET /cases/{caseId}/history");
        assertThat(router.match("GET", "/cases/search").orElseThrow().route().path())
                .isEqualTo("/cases/search");
        assertThat(router.match("GET", "/cases/42").orElseThrow().route().path())
                .isEqualTo("/cases/{caseId}");
        assertThat(router.match("GET", "/cases/42/history")
                        .orElseThrow()
                        .route()
                        .path())
                .isEqualTo("/cases/{caseId}/history");
        Router.Match greedy = router.match("DELETE", "/cases/42/x/y").orElseThrow();
        assertThat(greedy.route().path()).isEqualTo("/cases/{proxy+}");
        assertThat(greedy.pathParameters()).containsEntry("proxy", "42/x/y");
    }

    @Test
    void defaultRouteCatchesTheRest() {
        List<HttpRoute> routes = new ArrayList<>(router("GET /a").routes());
        routes.addAll(router("ANY $default").routes());
        Router router = new Router(routes);
        assertThat(router.match("GET", "/a").orElseThrow().route().path()).isEqualTo("/a");
        assertThat(router.match("POST", "/zzz").orElseThrow().route().path()).isEqualTo("$default");
    }

    @Test
    void everyRouteOfTheProjectTemplateMatchesItself() {
        List<HttpRoute> routes = SamTemplate.ofProject().httpRoutes();
        assertThat(routes).isNotEmpty();
        Router router = new Router(routes);
        for (HttpRoute route : routes) {
            String concrete = route.path().replaceAll("\\{[^}]+}", "x1");
            assertThat(router.match(route.method(), concrete))
                    .as(route.routeKey())
                    .hasValueSatisfying(m -> assertThat(m.route()).isEqualTo(route));
        }
    }
}
