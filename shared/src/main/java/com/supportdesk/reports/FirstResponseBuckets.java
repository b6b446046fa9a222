package com.supportdesk.reports;

import java.time.Duration;
import java.util.Optional;

/**
 * Fixed buckets of the time to first response, in minutes, so that a median and a 90th percentile come from
 * daily counts alone: 5-minute steps to one hour, 15-minute steps to four hours, hourly to a day, then
 * 1.5, 2, 3, 4, 5, 7 and 14 days, and one open bucket above that. A percentile is interpolated linearly
 * inside the bucket that holds it, so it is exact to within that bucket's width (5 minutes where the
 * severity-A target lives, an hour around a business day); in the open bucket it is that bucket's lower
 * bound (14 days), a floor.
 */
public final class FirstResponseBuckets {
    /** Upper bounds (exclusive) in minutes; the bucket after the last is everything longer. */
    static final long[] BOUNDS = {
        5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 75, 90, 105, 120, 135, 150, 165, 180, 195, 210, 225, 240, 300,
        360, 420, 480, 540, 600, 660, 720, 780, 840, 900, 960, 1020, 1080, 1140, 1200, 1260, 1320, 1380, 1440, 2160,
        2880, 4320, 5760, 7200, 10080, 20160
    };

    public static final int COUNT = BOUNDS.length + 1;

    private FirstResponseBuckets() {}

    /** The bucket of a wait; a negative wait (clocks that disagree) counts as none. */
    static int bucket(Duration wait) {
        long minutes = Math.max(0, wait.toMinutes());
        for (int i = 0; i < BOUNDS.length; i++) {
            if (minutes < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** The counter attribute of a bucket: {@code f00} … {@code f51}. */
    static String name(int bucket) {
        return String.format("f%02d", bucket);
    }

    /**
     * The {@code q} quantile (0 &lt; q ≤ 1) of the histogram in whole minutes; empty when it is empty. The
     * rank is {@code q × total}, the value linear between the bucket's bounds at the rank's place in it.
     */
    static Optional<Long> quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Optional.empty();
        }
        double rank = q * total;
        long before = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && before + counts[i] >= rank) {
                long lower = i == 0 ? 0 : BOUNDS[i - 1];
                if (i == BOUNDS.length) {
                    return Optional.of(lower); // the open bucket: a floor
                }
                double minutes = lower + (BOUNDS[i] - lower) * ((rank - before) / counts[i]);
                return Optional.of(Math.round(minutes));
            }
            before += counts[i];
        }
        return Optional.of(BOUNDS[BOUNDS.length - 1]);
    }
}
