package com.supportdesk.local.gateway;

import com.supportdesk.local.template.HttpRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Route selection as the HTTP API does it, over the routes of template.yaml only: the method must match
 * (or the route says {@code ANY}); among matching routes the most specific wins — a literal segment beats
 * a {@code {parameter}}, which beats a greedy {@code {proxy+}}, compared left to right, and a named method
 * beats {@code ANY}. A {@code $default} route catches what nothing else matches. No match is a 404.
 */
public final class Router {
    /** A selected route and its decoded path parameters. */
    public record Match(HttpRoute route, Map<String, String> pathParameters) {
        public Match {
            pathParameters = Map.copyOf(pathParameters);
        }
    }

    private final List<HttpRoute> routes;

    public Router(List<HttpRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    public Optional<Match> match(String method, String rawPath) {
        String upper = method.toUpperCase(Locale.ROOT);
        List<String> actual = segments(rawPath);
        List<Candidate> candidates = new ArrayList<>();
        HttpRoute fallback = null;
        for (HttpRoute route : routes) {
            if (route.path().equals("$default")) {
                fallback = route;
                continue;
            }
            if (!route.method().equals(upper) && !route.method().equals("ANY")) {
                continue;
            }
            parameters(segments(route.path()), actual).ifPresent(p -> candidates.add(new Candidate(route, p)));
        }
        Optional<Match> best = candidates.stream()
                .min(Comparator.comparing((Candidate c) -> rank(c.route()), Router::compareRanks)
                        .thenComparing(c -> c.route().method().equals("ANY")))
                .map(c -> new Match(c.route(), c.parameters()));
        if (best.isEmpty() && fallback != null) {
            return Optional.of(new Match(fallback, Map.of()));
        }
        return best;
    }

    private record Candidate(HttpRoute route, Map<String, String> parameters) {}

    private static Optional<Map<String, String>> parameters(List<String> template, List<String> actual) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (isGreedy(t)) {
                if (i != template.size() - 1 || actual.size() <= i) {
                    return Optional.empty();
                }
                String rest = String.join("/", actual.subList(i, actual.size()));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(t.substring(1, t.length() - 2), decode(rest));
                return Optional.of(parameters);
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            String a = actual.get(i);
            if (isParameter(t)) {
                if (a.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(t.substring(1, t.length() - 1), decode(a));
            } else if (!t.equals(a)) {
                return Optional.empty();
            }
        }
        return template.size() == actual.size() ? Optional.of(parameters) : Optional.empty();
    }

    /** Per segment: 0 literal, 1 parameter, 2 greedy. */
    private static int[] rank(HttpRoute route) {
        return segments(route.path()).stream()
                .mapToInt(s -> isGreedy(s) ? 2 : isParameter(s) ? 1 : 0)
                .toArray();
    }

    private static int compareRanks(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(b.length, a.length);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isGreedy(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }

    private static String decode(String raw) {
        try {
            // path segments: '+' is a literal plus, not a space
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    static List<String> segments(String path) {
        List<String> result = new ArrayList<>(List.of(path.split("/", -1)));
        if (!result.isEmpty() && result.get(0).isEmpty()) {
            result.remove(0);
        }
        return result;
    }
}
