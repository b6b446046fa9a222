package com.supportdesk.reports;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.refusal.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA report (decision 0016) for operators (every tenant, or one with {@code tenantId}) and an
 * organisation's administrator (their own tenant only; another tenant does not exist for them). It reads
 * the daily aggregates of the period and nothing else: its cost grows with the days, not the cases.
 */
public final class SlaReports {
    /** The longest period one report covers. */
    public static final int MAX_DAYS = 366;
    /** The period when none is given: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;

    private final SlaReportStore store;
    private final Clock clock;

    public SlaReports(SlaReportStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Query parameters of {@code GET /reports/sla}. */
    public record Request(Optional<String> from, Optional<String> to, Optional<String> tenantId) {}

    public SlaReport report(Caller caller, Request request) {
        caller.require(Role.OPERATOR, Role.ADMIN);
        Optional<String> tenant = request.tenantId().map(t -> Validate.id("tenantId", t));
        if (!caller.has(Role.OPERATOR)) {
            String own = caller.adminTenant();
            if (tenant.isPresent() && !tenant.get().equals(own)) {
                // another organisation does not exist
                throw Refusal.notFound(Text.of("NOT_FOUND.organisation", "id", tenant.get()));
            }
            tenant = Optional.of(own);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ReportKey.ZONE);
        LocalDate to = request.to().map(raw -> date("to", raw)).orElse(today);
        LocalDate from = request.from().map(raw -> date("from", raw)).orElse(to.minusDays(DEFAULT_DAYS - 1L));
        if (from.isAfter(to)) {
            throw Validate.invalid("from", "fromAfterTo");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw Validate.invalid("from", "span", "max", MAX_DAYS);
        }
        SlaReportStore.DayRows read = store.read(from, to, tenant);
        Map<String, Sum> byDimensions = new LinkedHashMap<>();
        Sum total = new Sum(null, null, null);
        for (SlaReportStore.DayRow row : read.rows()) {
            ReportKey k = row.key();
            byDimensions
                    .computeIfAbsent(
                            k.tenantId() + "#" + k.severity() + "#" + k.category(),
                            d -> new Sum(k.tenantId(), k.severity(), k.category()))
                    .add(row);
            total.add(row);
        }
        List<SlaReport.Row> rows = new ArrayList<>();
        byDimensions.values().stream()
                .sorted(Comparator.comparing((Sum s) -> s.tenantId)
                        .thenComparing(s -> s.severity)
                        .thenComparing(s -> s.category))
                .forEach(s -> rows.add(s.row()));
        return new SlaReport(
                from, to, ReportKey.ZONE.getId(), (int) days, tenant.orElse(null), rows, total.row(), read.itemsRead());
    }

    private static LocalDate date(String field, String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw Validate.invalid(field, "beijingDay");
        }
    }

    /** The counters of one row over the period. */
    private static final class Sum {
        final String tenantId;
        final Severity severity;
        final Category category;
        final Map<String, Long> counters = new LinkedHashMap<>();
        final long[] buckets = new long[FirstResponseBuckets.COUNT];

        Sum(String tenantId, Severity severity, Category category) {
            this.tenantId = tenantId;
            this.severity = severity;
            this.category = category;
        }

        void add(SlaReportStore.DayRow row) {
            for (String counter : ReportFacts.COUNTERS) {
                counters.merge(counter, row.get(counter), Long::sum);
            }
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += row.get(FirstResponseBuckets.name(i));
            }
        }

        long get(String counter) {
            return counters.getOrDefault(counter, 0L);
        }

        SlaReport.Row row() {
            long met = get(ReportFacts.MET);
            long breached = get(ReportFacts.BREACHED);
            long outcomes = met + breached;
            long ratings = get(ReportFacts.RATINGS);
            return new SlaReport.Row(
                    tenantId,
                    severity,
                    category,
                    get(ReportFacts.OPENED),
                    met,
                    breached,
                    share(met, outcomes, 4),
                    share(breached, outcomes, 4),
                    get(ReportFacts.RESPONDED),
                    FirstResponseBuckets.quantile(buckets, 0.5).orElse(null),
                    FirstResponseBuckets.quantile(buckets, 0.9).orElse(null),
                    get(ReportFacts.DOWNGRADES),
                    ratings,
                    share(get(ReportFacts.RATING_SUM), ratings, 2));
        }

        private static Double share(long part, long whole, int decimals) {
            if (whole == 0) {
                return null;
            }
            double scale = Math.pow(10, decimals);
            return Math.round(part * scale / whole) / scale;
        }
    }
}
