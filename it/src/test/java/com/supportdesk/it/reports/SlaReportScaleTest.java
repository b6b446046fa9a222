package com.supportdesk.it.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.cases.Actor;
import com.supportdesk.cases.CaseContact;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.ContactMethod;
import com.supportdesk.cases.OpenedVia;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.reports.ReportAggregator;
import com.supportdesk.reports.SlaReport;
import com.supportdesk.reports.SlaReportStore;
import com.supportdesk.reports.SlaReports;
import com.supportdesk.sla.SlaPolicies;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The report's reads grow with the days, not the cases. 50,000 cases over 30 days, 2 tenants and 6 pairs of
 * severity and category (12 dimensions) are counted through the real aggregate path (facts derived from each
 * case's history and applied with the aggregator's conditional updates, in parallel), and so are 360 cases
 * (one per day and dimension) in a table of their own. The 30-day report over all tenants then reads, through
 * an SDK interceptor on its client: 30 Queries, one per day, and 360 items, in both tables alike; nothing else.
 */
@ExtendWith(LocalAwsExtension.class)
class SlaReportScaleTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-01");
    private static final int DAYS = 30;
    private static final List<String> TENANTS = List.of("scale-contoso", "scale-fabrikam");
    /** Severities and categories the policy allows together (A is for technical cases only). */
    private static final List<Map.Entry<Severity, Category>> KINDS = List.of(
            Map.entry(Severity.A, Category.TECHNICAL),
            Map.entry(Severity.B, Category.TECHNICAL),
            Map.entry(Severity.C, Category.TECHNICAL),
            Map.entry(Severity.B, Category.BILLING),
            Map.entry(Severity.C, Category.BILLING),
            Map.entry(Severity.C, Category.PRESALES));

    private static final int DIMENSIONS = TENANTS.size() * KINDS.size();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** Counts the operations of a DynamoDB client and the items its Queries read (ScannedCount). */
    static final class Reads implements ExecutionInterceptor {
        final Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();
        final AtomicInteger itemsRead = new AtomicInteger();

        DynamoDbClient client(Emulators emulators) {
            return DynamoDbClient.builder()
                    .region(Region.of(Emulators.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(emulators.dynamoDbEndpoint())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                    .build();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            operations
                    .computeIfAbsent(
                            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
            if (context.response() instanceof QueryResponse q) {
                itemsRead.addAndGet(q.scannedCount());
            }
        }
    }

    /** What the report over the 30 days cost and said. */
    record Run(SlaReport report, Map<String, Integer> operations, int itemsRead) {}

    @Test
    void theReportOver30DaysReadsOneQueryPerDayAndOneItemPerDimensionWhetherThereAre50000CasesOr360(LocalAws aws)
            throws Exception {
        Run small = countAndReport(aws, 1);
        Run large = countAndReport(aws, 50_000 / (DAYS * DIMENSIONS) + 1); // 139 per day and dimension

        for (Run run : List.of(small, large)) {
            assertThat(run.operations()).as("only Queries, no Scan, no GetItem").containsOnlyKeys("Query");
            assertThat(run.operations().get("Query")).as("one Query per day").isEqualTo(DAYS);
            assertThat(run.itemsRead()).isLessThanOrEqualTo(DAYS * DIMENSIONS);
            assertThat(run.report().itemsRead()).isEqualTo(run.itemsRead());
            assertThat(run.report().rows()).hasSize(DIMENSIONS);
        }
        assertThat(large.itemsRead())
                .as("the same reads for 139 times the cases")
                .isEqualTo(small.itemsRead());
        assertThat(small.report().total().casesOpened()).isEqualTo(DAYS * DIMENSIONS);
        assertThat(large.report().total().casesOpened()).isGreaterThanOrEqualTo(50_000);
        assertThat(large.report().total().firstResponses())
                .isEqualTo(large.report().total().casesOpened());
        System.out.printf(
                "30-day report: %d cases -> %d Queries, %d items; %d cases -> %d Queries, %d items%n",
                small.report().total().casesOpened(),
                small.operations().get("Query"),
                small.itemsRead(),
                large.report().total().casesOpened(),
                large.operations().get("Query"),
                large.itemsRead());
    }

    /** {@code perCell} cases per day and dimension, counted in a table of their own; the report over them. */
    private Run countAndReport(LocalAws aws, int perCell) throws Exception {
        String table = TableCopy.of(aws, "CasesTable");
        DynamoDbClient dynamo = aws.emulators().dynamoDbClient();
        CaseSla sla = new CaseSla(SlaPolicies.defaults());
        Instant end = FIRST_DAY.plusDays(DAYS).atStartOfDay(BEIJING).toInstant();
        ReportAggregator aggregator = new ReportAggregator(
                new CaseRepository(dynamo, table, sla),
                sla,
                new SlaReportStore(dynamo, table),
                new MutableClock(end.plus(Duration.ofDays(1))));
        List<SupportCase> cases = new ArrayList<>();
        int n = 0;
        for (int day = 0; day < DAYS; day++) {
            for (String tenant : TENANTS) {
                for (Map.Entry<Severity, Category> kind : KINDS) {
                    for (int i = 0; i < perCell; i++) {
                        cases.add(answered(n++, tenant, kind.getKey(), kind.getValue(), day, i));
                    }
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int slice = (cases.size() + 7) / 8;
            List<Future<Integer>> counted = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<SupportCase> mine =
                        cases.subList(Math.min(cases.size(), t * slice), Math.min(cases.size(), (t + 1) * slice));
                counted.add(pool.submit(() -> {
                    int facts = 0;
                    for (SupportCase c : mine) {
                        facts += aggregator.count(c);
                    }
                    return facts;
                }));
            }
            int facts = 0;
            for (Future<Integer> f : counted) {
                facts += f.get();
            }
            assertThat(facts)
                    .as("opened, outcome and first response of every case")
                    .isEqualTo(3 * cases.size());
        } finally {
            pool.shutdownNow();
        }

        Reads reads = new Reads();
        SlaReports reports =
                new SlaReports(new SlaReportStore(reads.client(aws.emulators()), table), new MutableClock(end));
        SlaReport report = reports.report(
                new Caller("operator-1", Optional.empty(), Set.of(Role.OPERATOR)),
                new SlaReports.Request(
                        Optional.of(FIRST_DAY.toString()),
                        Optional.of(FIRST_DAY.plusDays(DAYS - 1).toString()),
                        Optional.empty()));
        Map<String, Integer> operations = new java.util.TreeMap<>();
        reads.operations.forEach((k, v) -> operations.put(k, v.get()));
        return new Run(report, operations, reads.itemsRead.get());
    }

    /** A case opened on {@code day} at 10:00 Beijing time and answered after 5 to 600 minutes. */
    private static SupportCase answered(int n, String tenant, Severity severity, Category category, int day, int i) {
        Instant opened = FIRST_DAY
                .plusDays(day)
                .atTime(10, 0)
                .atZone(BEIJING)
                .toInstant()
                .plusSeconds(i);
        Instant answered = opened.plus(Duration.ofMinutes(5 + (n * 37L) % 596));
        String caseId =
                String.format("CS-SCAL-%04d-%04d", n / 10_000, n % 10_000).replace('I', 'J');
        List<CaseEvent> history = List.of(
                new CaseEvent(
                        CaseEventType.SUBMITTED,
                        opened,
                        "admin-" + tenant,
                        Actor.ADMIN,
                        null,
                        severity,
                        CaseStatus.OPEN,
                        null,
                        null),
                new CaseEvent(
                        CaseEventType.AGENT_RESPONDED,
                        answered,
                        "agent-1",
                        Actor.AGENT,
                        null,
                        null,
                        null,
                        null,
                        "MSG-" + n));
        return new SupportCase(
                caseId,
                tenant,
                category,
                ServiceName.EXCHANGE_ONLINE,
                "Case " + n,
                "Synthetic case for the report's scale test.",
                severity,
                severity == Severity.A ? "All staff blocked" : null,
                new CaseContact("Li Na", "li.na@scale.example", "+12025550143", ContactMethod.EMAIL, Language.EN),
                CaseStatus.IN_PROGRESS,
                List.of(),
                history,
                OpenedVia.ONLINE,
                2,
                opened,
                "admin-" + tenant,
                answered,
                null);
    }
}
