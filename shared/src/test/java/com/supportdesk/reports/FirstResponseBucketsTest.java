package com.supportdesk.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Quantiles from the fixed buckets: within the bucket of the true value, monotonic, and exact at the edges. */
class FirstResponseBucketsTest {

    @Test
    void aWaitFallsIntoTheBucketOfItsWholeMinutes() {
        assertThat(FirstResponseBuckets.bucket(Duration.ofSeconds(299))).isZero();
        assertThat(FirstResponseBuckets.bucket(Duration.ofMinutes(5))).isEqualTo(1);
        assertThat(FirstResponseBuckets.bucket(Duration.ofMinutes(59))).isEqualTo(11);
        assertThat(FirstResponseBuckets.bucket(Duration.ofMinutes(-3))).isZero();
        assertThat(FirstResponseBuckets.bucket(Duration.ofDays(30))).isEqualTo(FirstResponseBuckets.COUNT - 1);
    }

    @Test
    void anEmptyHistogramHasNoQuantile() {
        assertThat(FirstResponseBuckets.quantile(new long[FirstResponseBuckets.COUNT], 0.5))
                .isEmpty();
    }

    @Property
    void everyQuantileLiesInsideTheBucketThatHoldsItsRank(
            @ForAll @Size(min = 1, max = 200) java.util.List<@IntRange(min = 0, max = 30_000) Integer> waits,
            @ForAll @IntRange(min = 1, max = 100) int percent) {
        long[] counts = new long[FirstResponseBuckets.COUNT];
        java.util.List<Integer> sorted = new java.util.ArrayList<>(waits);
        java.util.Collections.sort(sorted);
        for (int w : waits) {
            counts[FirstResponseBuckets.bucket(Duration.ofMinutes(w))]++;
        }
        double q = percent / 100.0;
        long value = FirstResponseBuckets.quantile(counts, q).orElseThrow();
        // the value the rank points at, by the nearest-rank method
        int rank = (int) Math.max(1, Math.ceil(q * waits.size()));
        int exact = sorted.get(rank - 1);
        int bucket = FirstResponseBuckets.bucket(Duration.ofMinutes(exact));
        long lower = bucket == 0 ? 0 : FirstResponseBuckets.BOUNDS[bucket - 1];
        long upper = bucket < FirstResponseBuckets.BOUNDS.length ? FirstResponseBuckets.BOUNDS[bucket] : lower;
        assertThat(value).isBetween(lower, upper);
    }

    @Property
    void aHigherQuantileIsNeverSmaller(
            @ForAll @Size(min = 1, max = 100) java.util.List<@IntRange(min = 0, max = 30_000) Integer> waits) {
        long[] counts = new long[FirstResponseBuckets.COUNT];
        for (int w : waits) {
            counts[FirstResponseBuckets.bucket(Duration.ofMinutes(w))]++;
        }
        assertThat(FirstResponseBuckets.quantile(counts, 0.9).orElseThrow())
                .isGreaterThanOrEqualTo(
                        FirstResponseBuckets.quantile(counts, 0.5).orElseThrow());
    }
}
