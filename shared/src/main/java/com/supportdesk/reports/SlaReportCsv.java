package com.supportdesk.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The SLA report as CSV (RFC 4180): a header line, one line per row, then the total (tenant {@code ALL}),
 * CRLF line ends. Safe to open in a spreadsheet: a cell that starts like a formula ({@code = + - @}, a tab or
 * a carriage return) is prefixed with {@code '}, and a cell holding a comma, quote or line break is quoted.
 */
public final class SlaReportCsv {
    static final List<String> HEADER = List.of(
            "from",
            "to",
            "tenantId",
            "severity",
            "category",
            "casesOpened",
            "firstResponsesMet",
            "firstResponsesBreached",
            "metShare",
            "breachedShare",
            "firstResponses",
            "medianFirstResponseMinutes",
            "p90FirstResponseMinutes",
            "downgrades",
            "ratings",
            "averageSatisfaction");

    private SlaReportCsv() {}

    public static String render(SlaReport report) {
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        for (SlaReport.Row row : report.rows()) {
            line(out, cells(report, row, row.tenantId()));
        }
        line(out, cells(report, report.total(), "ALL"));
        return out.toString();
    }

    private static List<String> cells(SlaReport report, SlaReport.Row row, String tenant) {
        List<String> cells = new ArrayList<>();
        cells.add(report.from().toString());
        cells.add(report.to().toString());
        cells.add(tenant);
        cells.add(row.severity() == null ? "ALL" : row.severity().name());
        cells.add(row.category() == null ? "ALL" : row.category().name());
        cells.add(Long.toString(row.casesOpened()));
        cells.add(Long.toString(row.firstResponsesMet()));
        cells.add(Long.toString(row.firstResponsesBreached()));
        cells.add(text(row.metShare()));
        cells.add(text(row.breachedShare()));
        cells.add(Long.toString(row.firstResponses()));
        cells.add(text(row.medianFirstResponseMinutes()));
        cells.add(text(row.p90FirstResponseMinutes()));
        cells.add(Long.toString(row.downgrades()));
        cells.add(Long.toString(row.ratings()));
        cells.add(text(row.averageSatisfaction()));
        return cells;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell, neutralised against formula injection and quoted when it must be. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
