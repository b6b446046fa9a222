package com.supportdesk.benchmarks;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.sla.SlaClock;
import com.supportdesk.sla.SlaPolicies;
import com.supportdesk.sla.SlaRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Due-time computations per second on the default calendars, for starts spread over a year, against
 * plain {@code Instant.plus(Duration)} in the same run.
 *
 * <p>A plain program rather than JMH: each case runs timed rounds after warm-up rounds, and every
 * result feeds a checksum that is printed, so the JIT cannot drop the work.
 *
 * <p>Arguments (optional): starts per round (default 200000), warm-up rounds (5), timed rounds (5).
 */
public final class DueTimeBenchmark {

    private static final Instant YEAR_START = Instant.parse("2025-12-31T16:00:00Z"); // 2026-01-01 00:00 Beijing
    private static final long YEAR_SECONDS = Duration.ofDays(365).toSeconds();

    private DueTimeBenchmark() {}

    record Case(String name, SlaRule rule) {}

    public static void main(String[] args) {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        SlaPolicies policies = SlaPolicies.defaults();
        List<Case> cases = List.of(
                new Case("A  TECHNICAL  1 h on 24x7", policies.rule(Severity.A, Category.TECHNICAL)),
                new Case("B  TECHNICAL  1 bd on 09-24 daily", policies.rule(Severity.B, Category.TECHNICAL)),
                new Case("C  TECHNICAL  3 bd on 09-24 daily", policies.rule(Severity.C, Category.TECHNICAL)),
                new Case(
                        "B  BILLING    1 bd on Mon-Fri 09-18 + CN holidays",
                        policies.rule(Severity.B, Category.BILLING)),
                new Case(
                        "C  BILLING    3 bd on Mon-Fri 09-18 + CN holidays",
                        policies.rule(Severity.C, Category.BILLING)));

        Instant[] startInstants = new Instant[starts];
        SplittableRandom random = new SplittableRandom(20260101L);
        for (int i = 0; i < starts; i++) {
            startInstants[i] =
                    YEAR_START.plusSeconds(random.nextLong(YEAR_SECONDS)).plusNanos(random.nextInt(1_000_000_000));
        }

        System.out.printf(
                Locale.ROOT,
                "Java %s, %d random starts in 2026 (seed 20260101), %d warm-up + %d timed rounds%n%n",
                Runtime.version(),
                starts,
                warmUps,
                rounds);
        System.out.printf(Locale.ROOT, "%-52s %16s %16s %10s%n", "case", "due()/s", "plus()/s", "ratio");
        long checksum = 0;
        for (Case c : cases) {
            Duration workingTime = c.rule().workingTime();
            checksum += run(startInstants, warmUps, s -> SlaClock.due(c.rule().calendar(), s, workingTime));
            checksum += run(startInstants, warmUps, s -> s.plus(workingTime));
            long dueNanos = 0;
            long plusNanos = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                checksum += run(startInstants, 1, s -> SlaClock.due(c.rule().calendar(), s, workingTime));
                long t1 = System.nanoTime();
                checksum += run(startInstants, 1, s -> s.plus(workingTime));
                long t2 = System.nanoTime();
                dueNanos += t1 - t0;
                plusNanos += t2 - t1;
            }
            double duePerSecond = (double) starts * rounds / dueNanos * 1e9;
            double plusPerSecond = (double) starts * rounds / plusNanos * 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-52s %,16.0f %,16.0f %9.1fx%n",
                    c.name(),
                    duePerSecond,
                    plusPerSecond,
                    plusPerSecond / duePerSecond);
        }
        System.out.printf(Locale.ROOT, "%n(checksum %d)%n", checksum);
    }

    private interface Computation {
        Instant apply(Instant start);
    }

    private static long run(Instant[] starts, int times, Computation computation) {
        long sum = 0;
        for (int t = 0; t < times; t++) {
            for (Instant start : starts) {
                Instant due = computation.apply(start);
                sum += due.getEpochSecond() ^ due.getNano();
            }
        }
        return sum;
    }
}
