package com.supportdesk.i18n;

import com.supportdesk.model.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which language to answer in: the caller's {@code Accept-Language} (by q-weight; any Chinese is
 * zh-CN and any Japanese ja, as those are the only variants the desk writes), then the organisation's
 * language from its profile, then English. A header the desk cannot use is ignored, never refused: the
 * answer is still useful in the fallback language.
 */
public final class LanguageChoice {
    private static final int MAX_HEADER = 512;

    private LanguageChoice() {}

    public static Language choose(Optional<String> acceptLanguage, Optional<Language> organisation) {
        return fromHeader(acceptLanguage).or(() -> organisation).orElse(Language.EN);
    }

    /** The most preferred language of the header the desk speaks, if any. */
    public static Optional<Language> fromHeader(Optional<String> header) {
        if (header.isEmpty() || header.get().length() > MAX_HEADER) {
            return Optional.empty();
        }
        record Weighted(Language language, double q, int order) {}
        List<Weighted> candidates = new ArrayList<>();
        String[] ranges = header.get().split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].trim().split(";");
            Optional<Language> language = language(parts[0].trim());
            double q = 1.0;
            for (int p = 1; p < parts.length; p++) {
                String param = parts[p].trim().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    q = weight(param.substring(2));
                }
            }
            if (language.isPresent() && q > 0) {
                candidates.add(new Weighted(language.get(), q, i));
            }
        }
        return candidates.stream()
                .sorted(Comparator.comparingDouble(Weighted::q).reversed().thenComparingInt(Weighted::order))
                .map(Weighted::language)
                .findFirst();
    }

    private static Optional<Language> language(String range) {
        String tag = range.toLowerCase(Locale.ROOT);
        String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
        return switch (primary) {
            case "zh" -> Optional.of(Language.ZH_CN);
            case "ja" -> Optional.of(Language.JA);
            case "en" -> Optional.of(Language.EN);
            default -> Optional.empty(); // "*" and languages the desk does not write
        };
    }

    private static double weight(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
