package com.supportdesk.reports;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /reports/sla}: per tenant, severity (as opened) and category, the figures of the cases opened on
 * the days {@code from}..{@code to} (Beijing-time days, both included), and the same over all rows.
 *
 * @param tenantId the tenant reported on; absent when the report covers every tenant
 * @param itemsRead the daily aggregates read to compute it: grows with the days and the dimensions that had
 *     cases, never with the number of cases
 */
public record SlaReport(
        LocalDate from,
        LocalDate to,
        String timeZone,
        int days,
        String tenantId,
        List<Row> rows,
        Row total,
        int itemsRead) {

    public SlaReport {
        rows = List.copyOf(rows);
    }

    /**
     * One row. Shares are of the cases whose initial response has an outcome ({@code met + breached}), as a
     * fraction from 0 to 1 with four decimals; times to first response are whole minutes from the daily
     * histograms (see {@link FirstResponseBuckets} for their precision); a figure without cases is absent.
     *
     * @param tenantId absent on the total
     */
    public record Row(
            String tenantId,
            Severity severity,
            Category category,
            long casesOpened,
            long firstResponsesMet,
            long firstResponsesBreached,
            Double metShare,
            Double breachedShare,
            long firstResponses,
            Long medianFirstResponseMinutes,
            Long p90FirstResponseMinutes,
            long downgrades,
            long ratings,
            Double averageSatisfaction) {}
}
