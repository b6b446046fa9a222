package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.model.Language;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * Writes the suggestion index of every language from the article files. Run by the build (Maven's
 * {@code process-classes} phase) with the output folder as its argument, so the function's jar carries a
 * ready index and a cold start only reads it.
 */
public final class SuggestionIndexBuilder {
    private SuggestionIndexBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SuggestionIndexBuilder <output folder>");
        }
        Path root = Path.of(args[0]);
        SuggestionIndex.silenceVectorNotice();
        for (Language language : Language.values()) {
            List<Article> articles = Articles.of(language);
            write(language, articles, root.resolve(language.tag()));
            System.out.println("suggestion index " + language.tag() + ": " + articles.size() + " articles");
        }
    }

    static void write(Language language, List<Article> articles, Path folder) throws IOException {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.of(language)).setUseCompoundFile(true);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            Set<String> ids = new HashSet<>();
            for (Article article : articles) {
                check(language, article, ids);
                writer.addDocument(document(article));
            }
            writer.forceMerge(1);
        }
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) {
            for (Path stale : old.toList()) {
                Files.delete(stale);
            }
        }
        List<String> files = new ArrayList<>();
        for (String name : directory.listAll()) {
            try (IndexInput in = directory.openInput(name, IOContext.READONCE);
                    OutputStream out = Files.newOutputStream(folder.resolve(name))) {
                byte[] bytes = new byte[Math.toIntExact(in.length())];
                in.readBytes(bytes, 0, bytes.length);
                out.write(bytes);
            }
            files.add(name);
        }
        Files.write(folder.resolve(SuggestionIndex.FILE_LIST), files);
    }

    /** A broken article fails the build, not a customer's search. */
    private static void check(Language language, Article article, Set<String> ids) {
        String where = "articles/" + language.tag() + ".json, article " + article.id();
        if (article.id() == null || !article.id().matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(where + ": the id must be lower-case words joined by '-'");
        }
        if (!ids.add(article.id())) {
            throw new IllegalArgumentException(where + ": the id is used twice");
        }
        for (String text : List.of(
                nonNull(article.title()),
                nonNull(article.summary()),
                nonNull(article.body()),
                nonNull(article.url()))) {
            if (text.isBlank()) {
                throw new IllegalArgumentException(where + ": title, summary, body and url are required");
            }
        }
        if (!article.url().startsWith("/")) {
            throw new IllegalArgumentException(where + ": the url is a path on the help site, starting with /");
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static Document document(Article article) {
        Document document = new Document();
        document.add(new StringField(SuggestionIndex.ID, article.id(), Field.Store.YES));
        document.add(new StringField(
                SuggestionIndex.SERVICE,
                article.service() == null
                        ? SuggestionIndex.ANY_SERVICE
                        : article.service().name(),
                Field.Store.YES));
        if (article.category() != null) {
            document.add(
                    new StoredField(SuggestionIndex.CATEGORY, article.category().name()));
        }
        document.add(new TextField(SuggestionIndex.TITLE, article.title(), Field.Store.YES));
        document.add(new TextField(SuggestionIndex.SUMMARY, article.summary(), Field.Store.YES));
        document.add(new TextField(SuggestionIndex.BODY, article.body(), Field.Store.NO));
        for (String keyword : article.keywords()) {
            document.add(new TextField(SuggestionIndex.KEYWORDS, keyword, Field.Store.NO));
        }
        document.add(new StoredField(SuggestionIndex.URL, article.url()));
        return document;
    }
}
