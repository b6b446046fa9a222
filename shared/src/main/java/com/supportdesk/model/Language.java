package com.supportdesk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Languages the desk answers in; the wire form is the BCP 47 tag. */
public enum Language {
    EN("en"),
    JA("ja"),
    ZH_CN("zh-CN");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    /** A tag as BCP 47 compares them: ignoring the case of its ASCII letters, and of nothing else. */
    @JsonCreator
    public static Language fromTag(String tag) {
        for (Language language : values()) {
            if (tag != null && asciiEqualsIgnoreCase(language.tag, tag)) {
                return language;
            }
        }
        throw new IllegalArgumentException("Unknown language (allowed: en, ja, zh-CN)");
    }

    /** Unicode case folding would match more than the tag ("\u0130" folds to "i"); a tag is ASCII. */
    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
