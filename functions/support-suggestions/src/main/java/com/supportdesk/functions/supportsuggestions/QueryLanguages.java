package com.supportdesk.functions.supportsuggestions;

import com.supportdesk.model.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which article languages to search for a query, most fitting first. The text decides before the
 * headers, because a Japanese sentence is answered best by Japanese articles whatever the browser says:
 *
 * <ol>
 *   <li>kana in the query: Japanese (its kanji are Japanese too);
 *   <li>Han characters without kana: Chinese, or Japanese first when {@code Accept-Language} puts
 *       Japanese before Chinese (a kanji-only query such as "権限 反映" is both);
 *   <li>the languages of {@code Accept-Language}, by weight;
 *   <li>English, the fallback of every search.
 * </ol>
 *
 * Latin letters decide nothing: product names (Outlook, SSO, SharePoint) are Latin in every language.
 */
final class QueryLanguages {
    private QueryLanguages() {}

    static List<Language> candidates(String query, Optional<String> acceptLanguage) {
        List<Language> accepted = accepted(acceptLanguage.orElse(""));
        LinkedHashSet<Language> order = new LinkedHashSet<>();
        boolean kana = false;
        boolean han = false;
        for (int i = 0; i < query.length(); ) {
            int c = query.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            kana |= script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
            han |= script == Character.UnicodeScript.HAN;
            i += Character.charCount(c);
        }
        if (kana) {
            order.add(Language.JA);
        } else if (han) {
            int ja = accepted.indexOf(Language.JA);
            int zh = accepted.indexOf(Language.ZH_CN);
            if (ja >= 0 && (zh < 0 || ja < zh)) {
                order.add(Language.JA);
            }
            order.add(Language.ZH_CN);
            order.add(Language.JA);
        }
        order.addAll(accepted);
        order.add(Language.EN);
        return List.copyOf(order);
    }

    /**
     * The article languages an {@code Accept-Language} value asks for, highest weight first (ties keep
     * their order). Every Chinese tag maps to the Simplified Chinese articles, the only Chinese ones;
     * tags without an article language, {@code *} and malformed parts are skipped.
     */
    static List<Language> accepted(String header) {
        record Weighted(Language language, double q, int position) {}
        List<Weighted> found = new ArrayList<>();
        String[] parts = header.split(",");
        for (int position = 0; position < parts.length && position < 20; position++) {
            String[] pieces = parts[position].strip().split(";");
            if (pieces.length == 0) {
                continue;
            }
            String tag = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            Optional<Language> language = primary(tag);
            if (language.isPresent() && q > 0 && q <= 1) {
                found.add(new Weighted(language.get(), q, position));
            }
        }
        found.sort(Comparator.comparingDouble(Weighted::q).reversed().thenComparingInt(Weighted::position));
        LinkedHashSet<Language> languages = new LinkedHashSet<>();
        found.forEach(w -> languages.add(w.language()));
        return List.copyOf(languages);
    }

    private static Optional<Language> primary(String tag) {
        String primary = tag.split("[-_]", 2)[0];
        return switch (primary) {
            case "en" -> Optional.of(Language.EN);
            case "ja" -> Optional.of(Language.JA);
            case "zh" -> Optional.of(Language.ZH_CN);
            default -> Optional.empty();
        };
    }
}
