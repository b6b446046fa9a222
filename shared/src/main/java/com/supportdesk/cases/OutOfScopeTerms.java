package com.supportdesk.cases;

import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Words that suggest a request is about something support does not troubleshoot (the seed: third-party
 * services and add-ins; problems in the customer's own network, which their network team handles). The
 * lists are data, {@code scope/out-of-scope-terms.json}, per kind and language; every term is looked for
 * in every text, because descriptions mix languages ("VPN 接続時に Outlook が…").
 *
 * <p>How a term matches:
 * <ul>
 *   <li>Text and term are NFKC-normalised (full-width letters fold to ASCII) and lower-cased.
 *   <li>A term with Han or kana characters matches as a substring, ignoring spaces: Chinese and Japanese
 *       put no spaces between words, and writers differ in where they put them ("DNS サーバー").
 *   <li>A Latin term matches whole words only, so "lan" would not match "plan" and "proxy server" not
 *       "proxyserverless": a space in the term matches spaces or a hyphen, a hyphen matches a hyphen or
 *       nothing ("add-in" matches "add-in" and "addin", not "add in the users"), and a plural "s" or
 *       "es" may follow. Word edges are Latin letters and digits only, so "VPN接続" matches "vpn".
 * </ul>
 *
 * <p>Terms are chosen to be specific: not "proxy" (Exchange has proxy addresses), not "DNS" (the DNS
 * records of the customer's mail domain are set up with our help), not "代理" (代理商 is a reseller). A
 * match only asks the admin to confirm, so a rare false positive costs one resubmission.
 */
public final class OutOfScopeTerms {
    /** What a request can be about that support does not troubleshoot. */
    public enum Kind {
        /** Someone else's product: a third-party service, an add-in, a plug-in. */
        THIRD_PARTY,
        /** The customer's own network and client connectivity: proxy, firewall, DNS servers, VPN, Wi-Fi. */
        CUSTOMER_NETWORK
    }

    static final String RESOURCE = "/scope/out-of-scope-terms.json";

    private static final OutOfScopeTerms DEFAULT = load();

    /** A term as written, and how it matches: a whole-word pattern, or (Han and kana) a spaceless substring. */
    private record Term(String term, Pattern words, String substring) {}

    private final Map<Kind, List<Term>> terms;

    private OutOfScopeTerms(Map<Kind, List<Term>> terms) {
        this.terms = terms;
    }

    /** The lists shipped with the desk. */
    public static OutOfScopeTerms standard() {
        return DEFAULT;
    }

    /** The first term of {@code kind} that {@code text} contains, as written in the list. */
    public Optional<String> find(Kind kind, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normal = normalise(text);
        String compact = compact(normal);
        for (Term term : terms.get(kind)) {
            boolean found = term.substring() != null
                    ? compact.contains(term.substring())
                    : term.words().matcher(normal).find();
            if (found) {
                return Optional.of(term.term());
            }
        }
        return Optional.empty();
    }

    /** Every term of a kind, for tests and for whoever reviews the lists. */
    List<String> terms(Kind kind) {
        return terms.get(kind).stream().map(Term::term).toList();
    }

    static OutOfScopeTerms load() {
        Map<String, Map<String, List<String>>> data;
        try (InputStream in = OutOfScopeTerms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            data = Json.MAPPER.readValue(in, new TypeReference<>() {});
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
        Map<Kind, List<Term>> terms = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Map<String, List<String>> byLanguage = data.get(kind.name());
            if (byLanguage == null || byLanguage.isEmpty()) {
                throw new IllegalStateException(RESOURCE + " has no terms for " + kind);
            }
            List<Term> compiled = new ArrayList<>();
            byLanguage.values().forEach(list -> list.forEach(t -> compiled.add(compile(t))));
            terms.put(kind, List.copyOf(compiled));
        }
        return new OutOfScopeTerms(terms);
    }

    private static Term compile(String term) {
        String normal = normalise(term).strip();
        if (normal.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " holds an empty term");
        }
        if (normal.codePoints().anyMatch(OutOfScopeTerms::isCjk)) {
            return new Term(term, null, compact(normal));
        }
        StringBuilder regex = new StringBuilder("(?<![\\p{IsLatin}\\p{N}])");
        String[] words = normal.split("\\s+");
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                regex.append("[\\s-]+");
            }
            String[] parts = words[w].split("-", -1);
            for (int p = 0; p < parts.length; p++) {
                if (p > 0) {
                    regex.append("-?");
                }
                regex.append(Pattern.quote(parts[p]));
            }
        }
        regex.append("(?:s|es)?(?![\\p{IsLatin}\\p{N}])");
        return new Term(term, Pattern.compile(regex.toString()), null);
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
