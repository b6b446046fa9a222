package com.supportdesk.it.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Malformed requests for every route, each invalid by construction: it starts from a request the route
 * would accept from the right caller and breaks exactly one thing in a way the contract refuses. What a
 * route would still accept (a blank optional value, a case change of a language tag, surrounding
 * whitespace) is never generated, so any answer but a 4xx refusal is a finding.
 */
final class HostileRequests {
    static final String AGENT = "agent-hostile";

    /** Stands for a lone surrogate inside a body; becomes the JSON escape {@code \ud800} in the body text. */
    private static final String BODY_LONE_HIGH = "~~LONE-HIGH~~";

    private static final String BODY_LONE_LOW = "~~LONE-LOW~~";
    /** Stands for a lone surrogate in a path or query value of the event itself. */
    private static final String EVENT_LONE = "~~EVENT-LONE~~";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern CASE_ID = Pattern.compile("CS(-[0-9A-Z]{4}){3}");

    /** One request: its route, what was broken, and the v2 event as the Lambda runtime would read it. */
    record Hostile(String routeKey, String broken, String eventJson) {
        @Override
        public String toString() {
            String what = broken.length() > 160 ? broken.substring(0, 160) + "…(" + broken.length() + ")" : broken;
            return routeKey + " [" + what + "]";
        }
    }

    /** What a string field of a body must be, which decides how it can be broken. */
    enum Kind {
        LINE,
        TEXT,
        /** Multi-line text that may be left out: blank reads as absent, so only its content can be wrong. */
        OPTIONAL_TEXT,
        ENUM,
        LANGUAGE,
        EMAIL,
        PHONE,
        COUNTRY,
        ID,
        CODE,
        /** An ISO local date that must lie in the year of the request's path (2027). */
        DATE,
        NUMBER,
        OBJECT,
        ARRAY
    }

    /** A route, the request it accepts, and the fields of its body by dotted path. */
    private record RouteSpec(
            ApiEvent valid, Map<String, Kind> fields, Map<String, Pattern> pathParameters, List<String> queries) {
        String routeKey() {
            return valid.routeKey();
        }

        boolean hasBody() {
            return !fields.isEmpty();
        }

        /** Whether the client sends anything of it that could be malformed (a route of the token alone is not). */
        boolean breakable() {
            return hasBody() || !pathParameters.isEmpty() || !queries.isEmpty();
        }
    }

    private final List<RouteSpec> routes = new ArrayList<>();

    HostileRequests(String tenant, String caseId, String incidentId, String verificationId) {
        Map<String, String> admin = Claims.admin(tenant);
        Map<String, String> agent = Claims.agent(AGENT);
        Map<String, String> operator = Claims.operator();

        ApiEvent putOrg = ApiEvent.of("PUT /orgs/{tenantId}").claims(operator).path("tenantId", tenant);
        putOrg.body(putOrg.sampleBody().put("version", 1));
        routes.add(new RouteSpec(
                putOrg,
                fields(
                        "name",
                        Kind.LINE,
                        "country",
                        Kind.COUNTRY,
                        "supportPlan",
                        Kind.ENUM,
                        "language",
                        Kind.LANGUAGE,
                        "contacts",
                        Kind.OBJECT,
                        "contacts.emails",
                        Kind.ARRAY,
                        "contacts.emails[0]",
                        Kind.EMAIL,
                        "contacts.phones",
                        Kind.ARRAY,
                        "contacts.phones[0]",
                        Kind.PHONE,
                        "partner",
                        Kind.OBJECT,
                        "partner.name",
                        Kind.LINE,
                        "partner.phone",
                        Kind.PHONE,
                        "partner.email",
                        Kind.EMAIL,
                        "version",
                        Kind.NUMBER),
                Map.of("tenantId", ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /orgs/{tenantId}").claims(admin).path("tenantId", tenant),
                Map.of(),
                Map.of("tenantId", ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /service-health").claims(admin).query(Map.of("service", "EXCHANGE_ONLINE")),
                Map.of(),
                Map.of(),
                List.of("service")));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /service-health/incidents").claims(operator),
                fields("service", Kind.ENUM, "title", Kind.LINE, "description", Kind.OPTIONAL_TEXT),
                Map.of(),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("PATCH /service-health/incidents/{incidentId}")
                        .claims(operator)
                        .path("incidentId", incidentId)
                        .body("{\"version\":1,\"status\":\"RESOLVED\"}"),
                fields("version", Kind.NUMBER, "status", Kind.ENUM),
                Map.of("incidentId", Pattern.compile(Pattern.quote(incidentId))),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /cases").claims(admin),
                fields(
                        "category",
                        Kind.ENUM,
                        "service",
                        Kind.ENUM,
                        "title",
                        Kind.LINE,
                        "description",
                        Kind.TEXT,
                        "severity",
                        Kind.ENUM,
                        "businessImpact",
                        Kind.TEXT,
                        "contact",
                        Kind.OBJECT,
                        "contact.name",
                        Kind.LINE,
                        "contact.email",
                        Kind.EMAIL,
                        "contact.phone",
                        Kind.PHONE,
                        "contact.preferredMethod",
                        Kind.ENUM,
                        "contact.language",
                        Kind.LANGUAGE),
                Map.of(),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /support/options").claims(admin).query(Map.of("service", "EXCHANGE_ONLINE")),
                Map.of(),
                Map.of(),
                List.of("service")));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /support/suggestions")
                        .claims(admin)
                        .query(Map.of("q", "Outlook cannot sign in", "service", "EXCHANGE_ONLINE", "limit", "3")),
                Map.of(),
                Map.of(),
                // q takes any line of text up to 500 characters: what is hostile about it is SingleLineFieldsTest's
                List.of("service", "limit")));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /cases/{caseId}").claims(admin).path("caseId", caseId),
                Map.of(),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /cases").claims(agent).query(Map.of("status", "OPEN", "limit", "5")),
                Map.of(),
                Map.of(),
                List.of("status", "limit", "nextToken", "breachingSoon", "tenant", "owner")));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /cases/{caseId}/take").claims(agent).path("caseId", caseId),
                Map.of(),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("PUT /cases/{caseId}/owner").claims(agent).path("caseId", caseId),
                fields("agentId", Kind.ID, "reason", Kind.OPTIONAL_TEXT),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /cases/{caseId}/escalations").claims(agent).path("caseId", caseId),
                fields("level", Kind.ENUM, "reason", Kind.TEXT),
                Map.of("caseId", CASE_ID),
                List.of()));
        // nothing of GET /holidays comes from the client but the token: listed, never broken
        routes.add(new RouteSpec(ApiEvent.of("GET /holidays").claims(operator), Map.of(), Map.of(), List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /holidays/{set}/{year}").claims(operator),
                Map.of(),
                Map.of("set", Pattern.compile("CN"), "year", Pattern.compile("[0-9]{4}")),
                List.of()));
        routes.add(new RouteSpec(
                // the sample is a dry run: nothing a hostile variant of it does is ever stored
                ApiEvent.of("PUT /holidays/{set}/{year}").claims(operator),
                fields(
                        "holidays",
                        Kind.ARRAY,
                        "holidays[0]",
                        Kind.OBJECT,
                        "holidays[0].name",
                        Kind.LINE,
                        "holidays[0].from",
                        Kind.DATE,
                        "holidays[0].to",
                        Kind.DATE,
                        "makeUpWorkingDays",
                        Kind.ARRAY,
                        "makeUpWorkingDays[0]",
                        Kind.OBJECT,
                        "makeUpWorkingDays[0].name",
                        Kind.LINE,
                        "makeUpWorkingDays[0].date",
                        Kind.DATE,
                        "makeUpWorkingDays[0].worksAs",
                        Kind.ENUM),
                Map.of("set", Pattern.compile("CN"), "year", Pattern.compile("2027")),
                List.of("dryRun")));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /cases/{caseId}/responses").claims(agent).path("caseId", caseId),
                fields("message", Kind.TEXT, "status", Kind.ENUM),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /cases/{caseId}/replies").claims(admin).path("caseId", caseId),
                fields("message", Kind.TEXT),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("PATCH /cases/{caseId}").claims(agent).path("caseId", caseId),
                fields("severity", Kind.ENUM, "reason", Kind.TEXT),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("PUT /cases/{caseId}/satisfaction").claims(admin).path("caseId", caseId),
                // the comment is one optional line: blank reads as absent, so only its content and length are wrong
                fields("rating", Kind.NUMBER, "comment", Kind.OPTIONAL_TEXT),
                Map.of("caseId", CASE_ID),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("GET /reports/sla")
                        .claims(operator)
                        .query(Map.of("from", "2026-11-01", "to", "2026-11-30", "tenantId", tenant, "format", "json")),
                Map.of(),
                Map.of(),
                List.of("from", "to", "tenantId", "format")));
        ApiEvent start = ApiEvent.of("POST /verifications").claims(agent);
        start.body(start.sampleBody().put("tenantId", tenant));
        routes.add(new RouteSpec(start, fields("tenantId", Kind.ID, "callerPhone", Kind.PHONE), Map.of(), List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("POST /verifications/{verificationId}/confirm")
                        .claims(agent)
                        .path("verificationId", verificationId),
                fields("code", Kind.CODE),
                Map.of("verificationId", Pattern.compile(Pattern.quote(verificationId))),
                List.of()));
        // the secret is left whole: any printable ASCII of 16 to 256 characters is one
        routes.add(new RouteSpec(
                ApiEvent.of("POST /webhooks").claims(admin),
                fields("url", Kind.TEXT, "format", Kind.ENUM, "events", Kind.ARRAY, "events[0]", Kind.ENUM),
                Map.of(),
                List.of()));
        // nothing to break but who it claims to be (see forgedGroups)
        routes.add(new RouteSpec(ApiEvent.of("GET /webhooks").claims(admin), Map.of(), Map.of(), List.of()));
        String webhookId = "WH-IOLU-IOLU-IOLU";
        routes.add(new RouteSpec(
                ApiEvent.of("GET /webhooks/{webhookId}").claims(admin).path("webhookId", webhookId),
                Map.of(),
                Map.of("webhookId", Pattern.compile(Pattern.quote(webhookId))),
                List.of()));
        routes.add(new RouteSpec(
                ApiEvent.of("DELETE /webhooks/{webhookId}").claims(admin).path("webhookId", webhookId),
                Map.of(),
                Map.of("webhookId", Pattern.compile(Pattern.quote(webhookId))),
                List.of()));
    }

    Set<String> routeKeys() {
        TreeSet<String> keys = new TreeSet<>();
        routes.forEach(route -> keys.add(route.routeKey()));
        return keys;
    }

    /** Any malformed request of any route. */
    Arbitrary<Hostile> any() {
        return Arbitraries.of(routes.stream().filter(RouteSpec::breakable).toList())
                .flatMap(this::against);
    }

    private Arbitrary<Hostile> against(RouteSpec route) {
        List<Arbitrary<Hostile>> ways = new ArrayList<>();
        if (route.hasBody()) {
            ways.add(brokenJson(route));
            ways.add(wrongType(route));
            ways.add(badValue(route));
            ways.add(nastyUnicode(route));
            ways.add(unknownField(route));
            ways.add(duplicateField(route));
            ways.add(tooLong(route));
            ways.add(tooLarge(route));
            ways.add(tooDeep(route));
            ways.add(wrongContentType(route));
            ways.add(undecodable(route));
        }
        if (!route.pathParameters().isEmpty()) {
            ways.add(badPath(route));
        }
        if (!route.queries().isEmpty()) {
            ways.add(badQuery(route));
        }
        if (ways.isEmpty()) {
            ways.add(forgedGroups(route));
        }
        return Arbitraries.oneOf(ways);
    }

    /** A route with no body, path or query: only the groups claim can be forged (none of these grants a role). */
    private Arbitrary<Hostile> forgedGroups(RouteSpec route) {
        return Arbitraries.of("helpdesk admin", "read,admin", "ADMIN", "[administrator]", "admin\u0000", "", "[]")
                .map(groups -> {
                    ApiEvent event = copy(route);
                    Map<String, String> claims = new LinkedHashMap<>();
                    claims.put("sub", "someone");
                    claims.put("tenant_id", "t-forged");
                    claims.put("groups", groups);
                    event.claims(claims);
                    return hostile(route, "groups = " + escape(groups), event.json());
                });
    }

    // ------------------------------------------------------------ bodies

    private Arbitrary<Hostile> brokenJson(RouteSpec route) {
        String valid = bodyOf(route).toString();
        Arbitrary<String> truncated =
                Arbitraries.integers().between(1, valid.length() - 1).map(n -> valid.substring(0, n));
        Arbitrary<String> garbage = Arbitraries.of(
                "",
                " ",
                "{",
                "}",
                "[]",
                "[{}]",
                "null",
                "true",
                "0",
                "\"x\"",
                "{}",
                "{\"a\":}",
                "{,}",
                "{'a':1}",
                "{\"a\":1,}",
                "{\"a\":NaN}",
                "/* c */ {}",
                "{} {}",
                "\u0000",
                "\ufeff{}",
                "{\"a\" 1}",
                "[1,2",
                "{\"a\":\"\\q\"}",
                "{\"a\":\"\\ud800\\u",
                "<xml/>",
                "a=1&b=2");
        Arbitrary<String> random =
                Arbitraries.strings().ofMaxLength(60).filter(s -> !s.strip().startsWith("{"));
        return Arbitraries.oneOf(truncated, garbage, random).map(body -> withBody(route, "broken JSON: " + body, body));
    }

    private Arbitrary<Hostile> wrongType(RouteSpec route) {
        return Combinators.combine(
                        Arbitraries.of(route.fields().keySet()),
                        Arbitraries.integers().between(0, 4))
                .as((field, choice) -> {
                    Kind kind = route.fields().get(field);
                    JsonNode value = wrongTypeFor(kind, choice);
                    ObjectNode body = bodyOf(route);
                    set(body, field, value);
                    return withBody(route, field + " = " + value, body.toString());
                });
    }

    private static JsonNode wrongTypeFor(Kind kind, int choice) {
        List<JsonNode> candidates = new ArrayList<>();
        if (kind != Kind.NUMBER) {
            candidates.add(Json.MAPPER.getNodeFactory().numberNode(choice == 0 ? 0 : 123));
        }
        if (kind == Kind.NUMBER || kind == Kind.OBJECT || kind == Kind.ARRAY) {
            candidates.add(Json.MAPPER.getNodeFactory().textNode("1"));
        }
        if (kind == Kind.NUMBER) {
            candidates.add(Json.MAPPER.getNodeFactory().numberNode(1.5));
        }
        candidates.add(Json.MAPPER.getNodeFactory().booleanNode(choice % 2 == 0));
        if (kind != Kind.ARRAY) {
            candidates.add(Json.MAPPER.createArrayNode().add("x"));
        }
        if (kind != Kind.OBJECT) {
            candidates.add(Json.MAPPER.createObjectNode().put("a", 1));
        }
        return candidates.get(choice % candidates.size());
    }

    /** A value of the right type that the field's rule refuses. */
    private Arbitrary<Hostile> badValue(RouteSpec route) {
        List<String> stringFields = route.fields().entrySet().stream()
                .filter(e ->
                        e.getValue() != Kind.OBJECT && e.getValue() != Kind.ARRAY && e.getValue() != Kind.OPTIONAL_TEXT)
                .map(Map.Entry::getKey)
                .toList();
        return Arbitraries.of(stringFields)
                .flatMap(field -> badValueFor(route.fields().get(field)).map(value -> {
                    ObjectNode body = bodyOf(route);
                    set(body, field, value);
                    return withBody(route, field + " = " + value, body.toString());
                }));
    }

    private static Arbitrary<JsonNode> badValueFor(Kind kind) {
        Arbitrary<String> junk =
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> text =
                switch (kind) {
                    case LINE, TEXT -> Arbitraries.of("", "   ", "\t", "\n");
                    case ENUM, LANGUAGE -> junk.filter(s -> !isEnumLike(s));
                    case EMAIL -> Arbitraries.of("a@b", "a b@c.cn", "@c.cn", "a@@c.cn", "a@c..cn", "mail", "a@-x.cn");
                    case PHONE ->
                        Arbitraries.of(
                                "13800138000",
                                "+0123456789",
                                "+86 138 0013 8000",
                                "+1234",
                                "+12345678901234567",
                                "+86-138");
                    case COUNTRY -> Arbitraries.of("ZZ", "cn", "CHN", "C", "XX");
                    case ID -> Arbitraries.of("-starts-with-dash", "has space", "a#b", "../etc", "x".repeat(65), "_x");
                    case CODE ->
                        Arbitraries.of("1234", "1234567", "123456789", "abcd efgh", "1234 567x", "12345678901");
                    case DATE ->
                        Arbitraries.of(
                                "2027-13-01",
                                "2027-02-30",
                                "27-02-05",
                                "2027/02/05",
                                "2026-02-05",
                                "2028-01-01",
                                "20270205",
                                "2027-2-5",
                                "2027-02-05T00:00");
                    case NUMBER -> Arbitraries.just("0");
                    case OBJECT, ARRAY, OPTIONAL_TEXT -> Arbitraries.just("x");
                };
        if (kind == Kind.NUMBER) {
            return Arbitraries.of(0L, -1L, Long.MIN_VALUE)
                    .map(n -> Json.MAPPER.getNodeFactory().numberNode(n));
        }
        return text.map(s -> Json.MAPPER.getNodeFactory().textNode(s));
    }

    /** Enum names and language tags the desk knows, case-insensitively (a language tag is case-insensitive). */
    private static boolean isEnumLike(String s) {
        Set<String> known = Set.of(
                "A",
                "B",
                "C",
                "TECHNICAL",
                "BILLING",
                "SUBSCRIPTION",
                "PRESALES",
                "EXCHANGE_ONLINE",
                "SHAREPOINT_ONLINE",
                "SKYPE_FOR_BUSINESS_ONLINE",
                "M365_APPS",
                "IDENTITY",
                "EMAIL",
                "PHONE",
                "SMS",
                "EN",
                "JA",
                "ZH-CN",
                "STANDARD",
                "ADVANCED",
                "ACTIVE",
                "RESOLVED",
                "OPEN",
                "IN_PROGRESS",
                "AWAITING_CUSTOMER",
                "CLOSED",
                "CANCELLED",
                "L1",
                "L2",
                "ENGINEERING",
                "MONDAY",
                "TUESDAY",
                "WEDNESDAY",
                "THURSDAY",
                "FRIDAY",
                "SATURDAY",
                "SUNDAY");
        return known.contains(s.toUpperCase(Locale.ROOT));
    }

    /**
     * A character the field refuses, inside its value (never at an end, where trimming is allowed to take
     * whitespace away): lone surrogates anywhere; controls, line breaks and bidi overrides in single lines
     * and in every value with a format; NUL and other controls in multi-line text.
     */
    private Arbitrary<Hostile> nastyUnicode(RouteSpec route) {
        List<String> stringFields = route.fields().entrySet().stream()
                .filter(e -> e.getValue() != Kind.OBJECT && e.getValue() != Kind.ARRAY && e.getValue() != Kind.NUMBER)
                .map(Map.Entry::getKey)
                .toList();
        return Combinators.combine(
                        Arbitraries.of(stringFields), Arbitraries.integers().between(0, 1000))
                .flatAs((field, where) -> {
                    Kind kind = route.fields().get(field);
                    Arbitrary<String> nasty =
                            switch (kind) {
                                case TEXT, OPTIONAL_TEXT ->
                                    Arbitraries.of(
                                            BODY_LONE_HIGH,
                                            BODY_LONE_LOW,
                                            "\u0000",
                                            "\u0007",
                                            "\u001b[31m",
                                            "\u007f",
                                            "\u0085");
                                case LINE ->
                                    Arbitraries.of(
                                            BODY_LONE_HIGH,
                                            BODY_LONE_LOW,
                                            "\u0000",
                                            "\r\n",
                                            "\n",
                                            "\u0085",
                                            "\u2028",
                                            "\u2029",
                                            "\u202e",
                                            "\u2066",
                                            "\u001b");
                                default ->
                                    Arbitraries.of(
                                            BODY_LONE_HIGH,
                                            BODY_LONE_LOW,
                                            "\u0000",
                                            "\u202e",
                                            "\u2028",
                                            "😀",
                                            "\u200d",
                                            "é",
                                            "\uff10",
                                            "\u0661",
                                            "\u00a0",
                                            "\ufeff");
                            };
                    return nasty.map(ch -> {
                        ObjectNode body = bodyOf(route);
                        String value = get(body, field).asText();
                        int at = value.length() < 2 ? 0 : 1 + where % (value.length() - 1);
                        String broken = value.substring(0, at) + ch + value.substring(at);
                        if (value.length() < 2) {
                            broken = "x" + ch + "x";
                        }
                        set(body, field, Json.MAPPER.getNodeFactory().textNode(broken));
                        return withBody(route, field + " with " + escape(ch), body.toString());
                    });
                });
    }

    private Arbitrary<Hostile> unknownField(RouteSpec route) {
        List<String> objects = new ArrayList<>(List.of(""));
        route.fields().forEach((field, kind) -> {
            if (kind == Kind.OBJECT) {
                objects.add(field);
            }
        });
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("admin", "role", "tenant", "__proto__", "constructor", "$where", "Severity", "TITLE"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(s -> "zz" + s));
        Arbitrary<JsonNode> values = Arbitraries.of(
                Json.MAPPER.getNodeFactory().booleanNode(true),
                Json.MAPPER.getNodeFactory().textNode("admin"),
                Json.MAPPER.createObjectNode().put("groups", "[admin]"),
                Json.MAPPER.getNodeFactory().nullNode());
        return Combinators.combine(Arbitraries.of(objects), names, values).as((where, name, value) -> {
            ObjectNode body = bodyOf(route);
            ObjectNode target = where.isEmpty() ? body : (ObjectNode) get(body, where);
            if (target.has(name)) {
                name = name + "zz";
            }
            target.set(name, value);
            return withBody(route, "unknown field " + (where.isEmpty() ? "" : where + ".") + name, body.toString());
        });
    }

    /** The same key twice: which one would win depends on the parser, so neither does. */
    private Arbitrary<Hostile> duplicateField(RouteSpec route) {
        List<String> topLevel =
                route.fields().keySet().stream().filter(f -> !f.contains(".")).toList();
        return Arbitraries.of(topLevel).map(field -> {
            String json = bodyOf(route).toString();
            String duplicated = "{\"" + field + "\":" + get(bodyOf(route), field) + "," + json.substring(1);
            return withBody(route, "duplicate " + field, duplicated);
        });
    }

    private Arbitrary<Hostile> tooLong(RouteSpec route) {
        Map<Kind, Integer> limits = Map.of(
                Kind.LINE,
                200,
                Kind.TEXT,
                8000,
                Kind.OPTIONAL_TEXT,
                8000,
                Kind.EMAIL,
                254,
                Kind.PHONE,
                32,
                Kind.ID,
                64,
                Kind.CODE,
                64);
        List<String> bounded = route.fields().entrySet().stream()
                .filter(e -> limits.containsKey(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (bounded.isEmpty()) {
            return brokenJson(route);
        }
        return Combinators.combine(
                        Arbitraries.of(bounded), Arbitraries.integers().between(1, 30000))
                .as((field, extra) -> {
                    ObjectNode body = bodyOf(route);
                    int limit = limits.get(route.fields().get(field));
                    String filler = route.fields().get(field) == Kind.CODE ? "1" : "x";
                    set(body, field, Json.MAPPER.getNodeFactory().textNode(filler.repeat(limit + extra)));
                    return withBody(route, field + " of " + (limit + extra) + " characters", body.toString());
                });
    }

    private Arbitrary<Hostile> tooLarge(RouteSpec route) {
        return Arbitraries.integers().between(64 * 1024 + 1, 300 * 1024).map(size -> {
            ObjectNode body = bodyOf(route);
            String field = route.fields().keySet().iterator().next();
            set(body, field, Json.MAPPER.getNodeFactory().textNode("x".repeat(size)));
            return withBody(route, "a body of more than " + size + " bytes", body.toString());
        });
    }

    private Arbitrary<Hostile> tooDeep(RouteSpec route) {
        return Combinators.combine(
                        Arbitraries.integers().between(50, 5000),
                        Arbitraries.of("[", "{\"a\":"),
                        Arbitraries.of(route.fields().keySet()),
                        Arbitraries.of(true, false))
                .as((depth, open, field, whole) -> {
                    String close = open.equals("[") ? "]" : "}";
                    String deep = open.repeat(depth) + "1" + close.repeat(depth);
                    if (whole) {
                        return withBody(route, "a body nested " + depth + " deep", deep);
                    }
                    ObjectNode body = bodyOf(route);
                    set(body, field, Json.MAPPER.getNodeFactory().textNode("~~DEEP~~"));
                    return withBody(
                            route,
                            field + " nested " + depth + " deep",
                            body.toString().replace("\"~~DEEP~~\"", deep));
                });
    }

    private Arbitrary<Hostile> wrongContentType(RouteSpec route) {
        return Arbitraries.of(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x",
                        "",
                        "json",
                        "text/json",
                        "application/jso",
                        "*/*",
                        "APPLICATION/XML")
                .map(type -> {
                    ObjectNode event = route.valid().json().deepCopy();
                    event.put("body", bodyOf(route).toString());
                    if (type.isEmpty()) {
                        event.withObject("headers").remove("content-type");
                    } else {
                        event.withObject("headers").put("content-type", type);
                    }
                    return hostile(route, "content-type " + (type.isEmpty() ? "missing" : type), event);
                });
    }

    private Arbitrary<Hostile> undecodable(RouteSpec route) {
        return Arbitraries.of(
                        "%%%not base64%%%",
                        "====",
                        Base64.getEncoder().encodeToString("{\"broken\":".getBytes(StandardCharsets.UTF_8)),
                        Base64.getEncoder()
                                .encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc0, 0x7b, 0x7d}))
                .map(encoded -> {
                    ObjectNode event = route.valid().json().deepCopy();
                    event.put("body", encoded);
                    event.put("isBase64Encoded", true);
                    return hostile(route, "base64 body " + encoded, event);
                });
    }

    // ------------------------------------------------------------ path and query

    private Arbitrary<Hostile> badPath(RouteSpec route) {
        Arbitrary<String> nasty = Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        " ",
                        "..",
                        "../../etc/passwd",
                        "%2e%2e",
                        "CS-0000-0000-000",
                        "cs-aaaa-bbbb-cccc",
                        "x".repeat(300),
                        "a\u0000b",
                        "\u202eCS-1",
                        "😀",
                        EVENT_LONE,
                        "a b",
                        "a#b",
                        "a/b",
                        "<script>",
                        "' OR '1'='1",
                        "{caseId}"),
                Arbitraries.strings().ofMaxLength(80));
        List<Map.Entry<String, Pattern>> parameters =
                new ArrayList<>(route.pathParameters().entrySet());
        return Combinators.combine(Arbitraries.of(parameters), nasty)
                .as(Map::entry)
                .filter(p -> !p.getKey().getValue().matcher(p.getValue()).matches())
                .map(p -> {
                    String name = p.getKey().getKey();
                    ApiEvent event = copy(route).path(name, p.getValue());
                    return hostile(route, name + " = " + escape(p.getValue()), event.json());
                });
    }

    private Arbitrary<Hostile> badQuery(RouteSpec route) {
        Map<String, Function<String, Boolean>> accepted = new LinkedHashMap<>();
        accepted.put("service", v -> isEnumLike(v));
        accepted.put("status", v -> isEnumLike(v));
        accepted.put("limit", HostileRequests::isLimit);
        accepted.put("breachingSoon", v -> v.equals("true") || v.equals("false"));
        accepted.put("tenant", v -> ID.matcher(v).matches());
        accepted.put("nextToken", v -> false);
        accepted.put("owner", v -> ID.matcher(v).matches());
        accepted.put("dryRun", v -> v.equals("true") || v.equals("false"));
        accepted.put("from", HostileRequests::isDate);
        accepted.put("to", HostileRequests::isDate);
        accepted.put("tenantId", v -> ID.matcher(v).matches());
        accepted.put("format", v -> v.equals("json") || v.equals("csv"));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of(
                        "ASLEEP",
                        "open",
                        "0",
                        "-1",
                        "101",
                        "1e2",
                        "1.5",
                        "abc",
                        "yes",
                        "TRUE",
                        "%00",
                        "a b",
                        "😀",
                        EVENT_LONE,
                        "x".repeat(3000),
                        "pt1.AAAA",
                        "e30",
                        "\u202eOPEN",
                        "OPEN\u0000"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40));
        return Combinators.combine(Arbitraries.of(route.queries()), values)
                .as((name, value) -> Map.entry(name, value))
                .filter(e ->
                        !e.getValue().isBlank() && !accepted.get(e.getKey()).apply(e.getValue()))
                .map(e -> {
                    Map<String, String> query = new LinkedHashMap<>(queryOf(route));
                    query.put(e.getKey(), e.getValue());
                    ApiEvent event = copy(route).query(query);
                    return hostile(route, e.getKey() + " = " + escape(e.getValue()), event.json());
                });
    }

    /** A date the report's period would take (whether the period it makes is allowed is another matter). */
    private static boolean isDate(String value) {
        try {
            java.time.LocalDate.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isLimit(String value) {
        try {
            int n = Integer.parseInt(value);
            return n >= 1 && n <= 100;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ------------------------------------------------------------ plumbing

    private static ObjectNode bodyOf(RouteSpec route) {
        try {
            return (ObjectNode)
                    Json.MAPPER.readTree(route.valid().json().path("body").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> queryOf(RouteSpec route) {
        Map<String, String> query = new LinkedHashMap<>();
        route.valid()
                .json()
                .path("queryStringParameters")
                .properties()
                .forEach(e -> query.put(e.getKey(), e.getValue().asText()));
        return query;
    }

    private static ApiEvent copy(RouteSpec route) {
        return ApiEvent.copyOf(route.valid());
    }

    private static Hostile withBody(RouteSpec route, String broken, String body) {
        ObjectNode event = route.valid().json().deepCopy();
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return hostile(route, broken, event);
    }

    private static Hostile hostile(RouteSpec route, String broken, ObjectNode event) {
        String json = event.toString()
                .replace(BODY_LONE_HIGH, "\\\\ud800")
                .replace(BODY_LONE_LOW, "\\\\udc00")
                .replace(EVENT_LONE, "\\udbff");
        return new Hostile(route.routeKey(), broken, json);
    }

    private static Map<String, Kind> fields(Object... pairs) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return fields;
    }

    private static JsonNode get(ObjectNode body, String dotted) {
        JsonNode node = body;
        for (String part : dotted.split("\\.")) {
            node = part.endsWith("[0]")
                    ? node.get(part.substring(0, part.length() - 3)).get(0)
                    : node.get(part);
        }
        return node;
    }

    private static void set(ObjectNode body, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        JsonNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            parent = part.endsWith("[0]")
                    ? parent.get(part.substring(0, part.length() - 3)).get(0)
                    : parent.get(part);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("[0]")) {
            ((ArrayNode) parent.get(last.substring(0, last.length() - 3))).set(0, value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20
                    || (cp >= 0x7f && cp < 0xa0)
                    || Character.getType(cp) == Character.FORMAT
                    || Character.isSurrogate((char) cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
