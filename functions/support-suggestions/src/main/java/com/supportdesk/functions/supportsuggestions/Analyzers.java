package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.model.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyser of each language, used both when the index is built and when it is searched, so that a
 * query is cut into exactly the terms the articles were.
 *
 * <ul>
 *   <li>English: {@link EnglishAnalyzer} (stop words and Porter stemming, so "permissions" finds
 *       "permission"), not the bare StandardAnalyzer, which keeps "the" and "how" as terms.
 *   <li>Japanese: {@link JapaneseAnalyzer} (kuromoji): words are found without spaces, particles and
 *       auxiliaries are dropped, verbs are reduced to their base form, full-width Latin is folded.
 *   <li>Chinese: {@link SmartChineseAnalyzer}: word segmentation of Simplified Chinese with its own
 *       dictionary; Latin words inside are lower-cased and stemmed.
 * </ul>
 */
final class Analyzers {
    /**
     * Lucene's English stop words plus the words of a question ("how do I", "can we", "my"): they are in
     * nearly every query and no article, and would make a good answer look like a partial one.
     */
    private static final CharArraySet ENGLISH_STOP_WORDS;

    static {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(List.of(
                "how", "do", "does", "did", "i", "me", "my", "we", "us", "our", "you", "your", "can", "could", "would",
                "should", "what", "why", "where", "which", "please", "want", "need", "from", "about", "has", "have",
                "more"));
        ENGLISH_STOP_WORDS = CharArraySet.unmodifiableSet(words);
    }

    private Analyzers() {}

    static Analyzer of(Language language) {
        return switch (language) {
            case EN -> new EnglishAnalyzer(ENGLISH_STOP_WORDS);
            case JA -> new JapaneseAnalyzer();
            case ZH_CN -> new SmartChineseAnalyzer();
        };
    }

    /** The distinct terms of {@code text}, in order of first appearance. */
    static List<String> terms(Analyzer analyzer, String text) {
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(SuggestionIndex.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 0) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Analysing a string in memory cannot fail", e);
        }
        return new ArrayList<>(terms);
    }
}
