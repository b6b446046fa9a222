package com.supportdesk.notifications.templates;

import com.supportdesk.model.Language;

/** How a severity is written for customers: the letter they chose, with its meaning in their language. */
final class SeverityLabels {
    private SeverityLabels() {}

    /** @param severity {@code A}, {@code B} or {@code C}; anything else is shown as given */
    static String label(String severity, Language language) {
        String meaning =
                switch (severity) {
                    case "A" ->
                        switch (language) {
                            case EN -> "critical";
                            case JA -> "緊急";
                            case ZH_CN -> "紧急";
                        };
                    case "B" ->
                        switch (language) {
                            case EN -> "high";
                            case JA -> "高";
                            case ZH_CN -> "高";
                        };
                    case "C" ->
                        switch (language) {
                            case EN -> "non-critical";
                            case JA -> "標準";
                            case ZH_CN -> "一般";
                        };
                    default -> "";
                };
        if (meaning.isEmpty()) {
            return severity;
        }
        return language == Language.EN ? severity + " (" + meaning + ")" : severity + "（" + meaning + "）";
    }
}
