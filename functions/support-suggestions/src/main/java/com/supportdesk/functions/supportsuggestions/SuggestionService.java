package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.refusal.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Self-help before contacting support: ranked help articles for what a customer types.
 *
 * <p>Who may ask: administrators (the seed's online support starts with a search before "contact
 * support"), users (self-service support is for every customer; a user cannot open a case, so articles
 * and the community are what they have) and agents (to send an article to a customer). Operators maintain
 * profiles and incidents and have no use for it.
 *
 * <p>Every candidate language ({@link QueryLanguages}) is searched; the answer is in the first one whose
 * best article is a good answer, so a list never mixes languages. A query that no language answers well
 * is logged as {@code suggestion_gap} with its terms only (see {@link QueryText} for what is taken out),
 * never the raw text and never who asked, so that articles can be written for it.
 */
public final class SuggestionService {
    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 10;
    public static final int MAX_QUERY = 500;

    /** A good answer contains at least half of the query's terms, or at least 3 of a longer query's. */
    static final double GOOD_COVERAGE = 0.5;

    static final int GOOD_MATCHES = 3;

    /** The gap log keeps at most this many terms of at most this many characters. */
    static final int GAP_TERMS = 12;

    static final int GAP_TERM_LENGTH = 40;

    private final SuggestionIndex index;
    private final String communityForumUrl;
    private final BiConsumer<String, Map<String, ?>> log;

    /**
     * @param log where {@code suggestion_gap} events go ({@code Log::info} when deployed)
     */
    SuggestionService(SuggestionIndex index, String communityForumUrl, BiConsumer<String, Map<String, ?>> log) {
        this.index = index;
        this.communityForumUrl = communityForumUrl;
        this.log = log;
    }

    /**
     * Loads the index built with the function and searches it once in every language: the kuromoji and
     * smartcn dictionaries load on first use, and this way that happens during init (and before a
     * SnapStart snapshot), not in a customer's first request.
     */
    public static SuggestionService load(String communityForumUrl, BiConsumer<String, Map<String, ?>> log) {
        SuggestionIndex index = SuggestionIndex.load();
        Map<Language, String> samples =
                Map.of(Language.EN, "cannot sign in", Language.JA, "サインインできない", Language.ZH_CN, "无法登录");
        samples.forEach(
                (language, sample) -> index.search(language, index.terms(language, sample), Optional.empty(), 1));
        return new SuggestionService(index, communityForumUrl, log);
    }

    public Suggestions suggest(
            Caller caller,
            String query,
            Optional<ServiceName> service,
            Optional<Integer> limit,
            Optional<String> acceptLanguage) {
        if (!caller.hasAny(Role.ADMIN, Role.USER, Role.AGENT)) {
            throw Refusal.forbidden(Text.of("FORBIDDEN.suggestions"));
        }
        String text = Validate.text("q", query, MAX_QUERY);
        int n = limit.orElse(DEFAULT_LIMIT);
        if (n < 1 || n > MAX_LIMIT) {
            throw Validate.invalid("limit", "limit", "max", MAX_LIMIT);
        }
        QueryText clean = QueryText.of(text);
        List<Language> candidates = QueryLanguages.candidates(clean.text(), acceptLanguage);

        Language answerLanguage = candidates.get(0);
        List<SuggestionIndex.Hit> answer = List.of();
        boolean answered = false;
        for (Language language : candidates) {
            List<SuggestionIndex.Hit> hits = index.search(language, index.terms(language, clean.text()), service, n);
            if (!hits.isEmpty() && good(hits.get(0))) {
                answerLanguage = language;
                answer = hits;
                answered = true;
                break;
            }
            if (answer.isEmpty() && language == candidates.get(0)) {
                answer = hits; // weaker matches in the most fitting language, if nothing better turns up
            }
        }
        if (!answered) {
            logGap(clean, candidates, service, answer);
        }
        return new Suggestions(
                answerLanguage,
                candidates,
                service.orElse(null),
                answered,
                answer.stream().map(SuggestionService::suggestion).toList(),
                communityForumUrl,
                Text.of(
                                answered ? "suggestions.nextStep.answered" : "suggestions.nextStep.notAnswered",
                                "forumUrl",
                                communityForumUrl)
                        .in(answerLanguage));
    }

    static boolean good(SuggestionIndex.Hit hit) {
        return hit.coverage() >= GOOD_COVERAGE || hit.matchedTerms() >= GOOD_MATCHES;
    }

    private static Suggestions.Suggestion suggestion(SuggestionIndex.Hit hit) {
        return new Suggestions.Suggestion(
                hit.articleId(),
                hit.title(),
                hit.summary(),
                hit.url(),
                hit.language(),
                hit.service(),
                hit.category(),
                Math.round(hit.score() * 1000) / 1000.0);
    }

    private void logGap(
            QueryText clean, List<Language> candidates, Optional<ServiceName> service, List<SuggestionIndex.Hit> best) {
        Language language = candidates.get(0);
        List<String> terms = index.terms(language, clean.text()).stream()
                .limit(GAP_TERMS)
                .map(t -> t.length() > GAP_TERM_LENGTH ? t.substring(0, GAP_TERM_LENGTH) : t)
                .toList();
        if (terms.isEmpty() && clean.masked().isEmpty()) {
            return; // nothing searchable was asked: no article could be written for it
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("language", language.tag());
        fields.put("searched", candidates.stream().map(Language::tag).toList());
        fields.put("service", service.map(Enum::name).orElse("ANY"));
        fields.put("terms", terms);
        fields.put("masked", clean.masked());
        fields.put("topScore", best.isEmpty() ? 0.0 : Math.round(best.get(0).score() * 1000) / 1000.0);
        fields.put("topArticle", best.isEmpty() ? "" : best.get(0).articleId());
        log.accept("suggestion_gap", fields);
    }
}
