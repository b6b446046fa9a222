package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * The article index of every language, read from the class path into memory once per container. The
 * index is built when the function is built ({@link SuggestionIndexBuilder}), so nothing is analysed
 * or written at cold start, and the function never writes to disk.
 */
final class SuggestionIndex {
    /** Where the build puts the index, one folder per language tag, each with a list of its files. */
    static final String RESOURCE_ROOT = "suggestions-index/";

    static final String FILE_LIST = "files.txt";

    // fields
    static final String ID = "id";
    static final String SERVICE = "service";
    static final String CATEGORY = "category";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String KEYWORDS = "keywords";
    static final String URL = "url";
    /** The {@link #SERVICE} value of an article about no one service: it matches every service filter. */
    static final String ANY_SERVICE = "ANY";

    /**
     * How much a term counts in each field: a word of the title says most about the article, a keyword
     * was put there for customers' words, the body mentions many things in passing.
     */
    private static final Map<String, Float> FIELD_BOOSTS =
            Map.of(TITLE, 3.0f, KEYWORDS, 2.0f, SUMMARY, 1.5f, BODY, 1.0f);

    /** A term found in several fields of an article counts mainly once, for its best field. */
    private static final float TIE_BREAKER = 0.2f;

    /** One article found for a query. {@code matchedTerms} of the query's {@code queryTerms} occur in it. */
    record Hit(
            String articleId,
            Language language,
            ServiceName service,
            Category category,
            String title,
            String summary,
            String url,
            float score,
            int matchedTerms,
            int queryTerms) {

        double coverage() {
            return queryTerms == 0 ? 0 : (double) matchedTerms / queryTerms;
        }
    }

    private record Searchable(IndexSearcher searcher, Analyzer analyzer) {}

    /**
     * Lucene tells on standard error, once per JVM, that the incubating vector API is not enabled. This
     * index has no vectors, and the line would only be noise outside the JSON log. Held in a field because
     * java.util.logging keeps only weak references to loggers.
     */
    private static final Logger VECTOR_NOTICE = Logger.getLogger("org.apache.lucene.internal.vectorization");

    /** Call before Lucene's first use in a JVM. */
    static void silenceVectorNotice() {
        VECTOR_NOTICE.setLevel(Level.SEVERE);
    }

    private final Map<Language, Searchable> languages;

    private SuggestionIndex(Map<Language, Searchable> languages) {
        this.languages = languages;
    }

    /** Loads every language's index from the class path; fails if the build did not produce one. */
    static SuggestionIndex load() {
        silenceVectorNotice();
        Map<Language, Searchable> languages = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            try {
                languages.put(
                        language,
                        new Searchable(
                                new IndexSearcher(DirectoryReader.open(read(language))), Analyzers.of(language)));
            } catch (IOException e) {
                throw new UncheckedIOException("The suggestion index of " + language.tag() + " cannot be opened", e);
            }
        }
        return new SuggestionIndex(languages);
    }

    private static ByteBuffersDirectory read(Language language) {
        String folder = RESOURCE_ROOT + language.tag() + "/";
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try {
            for (String file : lines(folder + FILE_LIST)) {
                byte[] bytes;
                try (InputStream in = resource(folder + file)) {
                    bytes = in.readAllBytes();
                }
                try (IndexOutput out = directory.createOutput(file, IOContext.DEFAULT)) {
                    out.writeBytes(bytes, bytes.length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The suggestion index of " + language.tag() + " cannot be read", e);
        }
        return directory;
    }

    private static List<String> lines(String name) throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SuggestionIndex.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the class path: the suggestion index is"
                    + " written by the build (process-classes), run the Maven build first");
        }
        return in;
    }

    /** The terms {@code text} is searched for in one language's index. */
    List<String> terms(Language language, String text) {
        return Analyzers.terms(languages.get(language).analyzer(), text);
    }

    /** Number of articles in one language. */
    int size(Language language) {
        return languages.get(language).searcher().getIndexReader().numDocs();
    }

    /**
     * The articles of one language that contain at least one term, best first (BM25 over title,
     * keywords, summary and body), limited to {@code service} and articles about no one service.
     */
    List<Hit> search(Language language, List<String> terms, Optional<ServiceName> service, int limit) {
        if (terms.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = languages.get(language).searcher();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(acrossFields(term), Occur.SHOULD);
        }
        Optional<Query> filter = service.map(SuggestionIndex::serviceFilter);
        filter.ifPresent(f -> query.add(f, Occur.FILTER));
        query.setMinimumNumberShouldMatch(1);
        try {
            Map<Integer, Integer> matched = matchedTerms(searcher, terms, filter);
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc found : searcher.search(query.build(), limit).scoreDocs) {
                Document document = stored.document(found.doc);
                String serviceName = document.get(SERVICE);
                String category = document.get(CATEGORY);
                hits.add(new Hit(
                        document.get(ID),
                        language,
                        ANY_SERVICE.equals(serviceName) ? null : ServiceName.valueOf(serviceName),
                        category == null ? null : Category.valueOf(category),
                        document.get(TITLE),
                        document.get(SUMMARY),
                        document.get(URL),
                        found.score,
                        matched.getOrDefault(found.doc, 0),
                        terms.size()));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("Searching an index in memory failed", e);
        }
    }

    /** One term in any field, each field with its weight. */
    private static Query acrossFields(String term) {
        List<Query> perField = new ArrayList<>();
        FIELD_BOOSTS.forEach(
                (field, boost) -> perField.add(new BoostQuery(new TermQuery(new Term(field, term)), boost)));
        return new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }

    private static Query serviceFilter(ServiceName service) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(SERVICE, service.name())), Occur.SHOULD)
                .add(new TermQuery(new Term(SERVICE, ANY_SERVICE)), Occur.SHOULD)
                .build();
    }

    /**
     * For each article, how many of the query's terms it contains: BM25 ranks well but its scores mean
     * nothing across queries and languages, while "3 of 4 words found" does, so this is what decides
     * whether an answer is good. The index holds a few dozen articles, so one search per term is cheap.
     */
    private static Map<Integer, Integer> matchedTerms(
            IndexSearcher searcher, List<String> terms, Optional<Query> filter) throws IOException {
        Map<Integer, Integer> matched = new HashMap<>();
        int all = Math.max(1, searcher.getIndexReader().maxDoc());
        for (String term : terms) {
            BooleanQuery.Builder query = new BooleanQuery.Builder().add(acrossFields(term), Occur.MUST);
            filter.ifPresent(f -> query.add(f, Occur.FILTER));
            for (ScoreDoc doc : searcher.search(query.build(), all).scoreDocs) {
                matched.merge(doc.doc, 1, Integer::sum);
            }
        }
        return matched;
    }
}
