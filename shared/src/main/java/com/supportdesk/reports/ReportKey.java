package com.supportdesk.reports;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One daily aggregate of the SLA report: the cases one tenant opened on one day (a Beijing-time day) with
 * one severity (as opened) in one category. Every fact of a case counts on its case's key, so the figures
 * of a day describe the cases opened that day, whenever their responses, downgrades and ratings came.
 */
public record ReportKey(LocalDate day, String tenantId, Severity severity, Category category) {
    /** The days of the report: the support desk's own zone (Beijing time, UTC+08:00, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public ReportKey {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
    }

    /** The report day of an instant. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }

    /** The dimensions within a day, as the aggregate's sort key: {@code <tenantId>#<severity>#<category>}. */
    String dimensions() {
        return tenantId + "#" + severity + "#" + category;
    }
}
