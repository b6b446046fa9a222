package com.supportdesk.i18n;

import java.util.List;

/**
 * Every text the API shows a person, in {@code en}, {@code ja} and {@code zh-CN}: one set of message
 * bundles under {@code i18n/}, one file per area and language, read once per container. The areas:
 * {@code guidance} (severities, hours and targets in words, the typical wait), {@code refusals} (the
 * message of every refusal, keyed by its stable code: {@code CODE} or {@code CODE.variant}) and
 * {@code support} (the support options' and receipts' other words, the phone lines, the suggestions'
 * next step). A key lives in exactly one area.
 */
public final class ApiTexts {
    private static final List<String> AREAS = List.of("guidance", "refusals", "support");

    private static final Messages BUNDLE = Messages.load(AREAS.toArray(String[]::new));

    private ApiTexts() {}

    /** The areas, in the order they are read. */
    public static List<String> areas() {
        return AREAS;
    }

    public static Messages bundle() {
        return BUNDLE;
    }
}
