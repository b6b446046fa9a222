package com.supportdesk.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV a spreadsheet opens: formulas never run, separators never split a cell. */
class SlaReportCsvTest {

    @Test
    void aCellThatLooksLikeAFormulaIsNeutralisedAndOneWithASeparatorIsQuoted() {
        assertThat(SlaReportCsv.cell("=HYPERLINK(\"http://evil.example\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(SlaReportCsv.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(SlaReportCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(SlaReportCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SlaReportCsv.cell("contoso")).isEqualTo("contoso");
        assertThat(SlaReportCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SlaReportCsv.cell("12")).isEqualTo("12");
    }

    @Test
    void tabsCarriageReturnsAndLineBreaksCannotStartAFormulaOrALine() {
        assertThat(SlaReportCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(SlaReportCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(SlaReportCsv.cell("a\nb")).isEqualTo("\"a\nb\"");
    }

    @Test
    void theReportHasAHeaderOneLinePerRowAndTheTotal() {
        SlaReport.Row row = new SlaReport.Row(
                "contoso", Severity.A, Category.TECHNICAL, 4, 3, 1, 0.75, 0.25, 4, 38L, 71L, 0, 2, 4.5);
        SlaReport.Row total = new SlaReport.Row(null, null, null, 4, 3, 1, 0.75, 0.25, 4, 38L, 71L, 0, 2, 4.5);
        SlaReport report = new SlaReport(
                LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-30"),
                "Asia/Shanghai",
                30,
                null,
                List.of(row),
                total,
                1);

        String[] lines = SlaReportCsv.render(report).split("\r\n", -1);

        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("from,to,tenantId,severity,category,casesOpened,");
        assertThat(lines[1]).isEqualTo("2026-03-01,2026-03-30,contoso,A,TECHNICAL,4,3,1,0.75,0.25,4,38,71,0,2,4.5");
        assertThat(lines[2]).isEqualTo("2026-03-01,2026-03-30,ALL,ALL,ALL,4,3,1,0.75,0.25,4,38,71,0,2,4.5");
        assertThat(lines[3]).isEmpty();
    }
}
