package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.model.Category;
import com.supportdesk.model.ServiceName;
import java.util.List;

/**
 * One help article in one language, as kept in {@code articles/<language>.json}. The same {@code id} names
 * the same article in every language.
 *
 * @param service  the service it is about; {@code null} for articles about no one service (billing, licences)
 * @param category the case category it would be, so a client can prefill a case; may be {@code null}
 * @param keywords words customers use that the text may not: synonyms, error names, product names
 * @param url      path of the article on the help site
 */
public record Article(
        String id,
        ServiceName service,
        Category category,
        String title,
        String summary,
        String body,
        List<String> keywords,
        String url) {

    public Article {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
