package com.supportdesk.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The median from the histogram: inside the bucket of the true median, never outside it. */
class FirstResponseStatsTest {

    private static long[] histogram(List<Duration> waits) {
        long[] counts = new long[FirstResponseStats.BOUNDS.length + 1];
        waits.forEach(w -> counts[FirstResponseStats.bucket(w)]++);
        return counts;
    }

    @Test
    void theMedianLiesInTheBucketOfTheTrueMedian() {
        List<Duration> waits = List.of(
                Duration.ofMinutes(20),
                Duration.ofMinutes(70),
                Duration.ofMinutes(190),
                Duration.ofMinutes(200),
                Duration.ofMinutes(230),
                Duration.ofHours(9),
                Duration.ofHours(30));
        Duration median = FirstResponseStats.median(histogram(waits), waits.size());
        // the true median is 200 minutes, in the bucket 180..240
        assertThat(median.toMinutes()).isBetween(180L, 240L);
        assertThat(median.toMinutes() % 5).isZero();
    }

    @Test
    void bucketsCoverEveryWaitAndTheLongestWaitsShareTheOpenBucket() {
        assertThat(FirstResponseStats.bucket(Duration.ZERO)).isZero();
        assertThat(FirstResponseStats.bucket(Duration.ofMinutes(-3))).isZero();
        assertThat(FirstResponseStats.bucket(Duration.ofMinutes(15))).isEqualTo(1);
        assertThat(FirstResponseStats.bucket(Duration.ofDays(40))).isEqualTo(FirstResponseStats.BOUNDS.length);
        Duration longest = FirstResponseStats.median(histogram(List.of(Duration.ofDays(40))), 1);
        assertThat(longest).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void theMiddleCaseIsPlacedWithinItsBucketByItsRank() {
        assertThat(FirstResponseStats.median(histogram(List.of(Duration.ofMinutes(1))), 1))
                .as("the middle of 0..15 min, rounded to 5")
                .isEqualTo(Duration.ofMinutes(10));
        List<Duration> waits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofHours(5));
        // 1.5 of the 2 cases in 0..15 min: three quarters of the way, 11.25, rounded to 10
        assertThat(FirstResponseStats.median(histogram(waits), 3)).isEqualTo(Duration.ofMinutes(10));
    }
}
