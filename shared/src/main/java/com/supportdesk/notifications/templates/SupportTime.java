package com.supportdesk.notifications.templates;

import com.supportdesk.model.Language;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Instants as a reader in the support desk's zone reads them, with the zone said: Beijing time by default
 * ({@code 2026-11-27 10:00 (Beijing time, UTC+08:00)}); another configured zone is named by its id.
 */
final class SupportTime {
    static final String BEIJING = "Asia/Shanghai";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SupportTime() {}

    static String format(Instant instant, Language language, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        String offset = "UTC"
                + (local.getOffset().equals(ZoneOffset.UTC)
                        ? ""
                        : local.getOffset().getId());
        boolean beijing = zone.getId().equals(BEIJING);
        return LOCAL.format(local)
                + switch (language) {
                    case EN -> " (" + (beijing ? "Beijing time" : zone.getId()) + ", " + offset + ")";
                    case JA -> "（" + (beijing ? "北京時間" : zone.getId()) + "、" + offset + "）";
                    case ZH_CN -> "（" + (beijing ? "北京时间" : zone.getId()) + "，" + offset + "）";
                };
    }
}
