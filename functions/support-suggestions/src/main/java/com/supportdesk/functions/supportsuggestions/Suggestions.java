package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import java.util.List;

/**
 * The answer of {@code GET /support/suggestions}: help articles in one language, best first.
 *
 * @param language          the language of the articles
 * @param searched          the languages whose articles were searched, in the order they were preferred
 * @param service           the service the search was limited to, if any
 * @param answered          whether the best article matches the query well (otherwise the list holds
 *                          weaker matches, possibly none, and the query was logged as a gap)
 * @param communityForumUrl where customers answer each other, for questions no article answers
 * @param nextStep          what to do if the articles do not help, in {@code language}
 */
public record Suggestions(
        Language language,
        List<Language> searched,
        ServiceName service,
        boolean answered,
        List<Suggestion> suggestions,
        String communityForumUrl,
        String nextStep) {

    public Suggestions {
        searched = List.copyOf(searched);
        suggestions = List.copyOf(suggestions);
    }

    /**
     * One article. {@code score} orders the list; it is comparable only within one answer.
     *
     * @param url the article's path on the help site
     */
    public record Suggestion(
            String articleId,
            String title,
            String summary,
            String url,
            Language language,
            ServiceName service,
            Category category,
            double score) {}
}
