package com.supportdesk.sweep;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SLA sweep paces itself. What the desk promises customers (targets, thresholds, the downgrade
 * notice, the auto-close period) is not here but in the SLA policy, so that an SSM policy changes it;
 * these are operating settings of the function.
 *
 * @param pageSize          due keys asked for per index query
 * @param rekeyPageSize     cases asked for per query when every key is recomputed after a policy change
 * @param timeReserve       no new case is started with less time than this left in the invocation: enough
 *                          to finish the case in hand, move the watermark and write the summary
 * @param republishAfter    how old a request left in a case's outbox by someone else must be before the
 *                          sweep publishes it again: its writer normally publishes it within milliseconds
 * @param firstRunLookback  how far back the first run (no watermark yet) looks for due keys
 * @param lateWriteMargin   an hour bucket is left behind only this long after it ended, so that a write from
 *                          a clock a little behind, or an index update still propagating, is not missed
 * @param retryAfterError   when a case the sweep failed on is tried again
 */
public record SweepSettings(
        int pageSize,
        int rekeyPageSize,
        Duration timeReserve,
        Duration republishAfter,
        Duration firstRunLookback,
        Duration lateWriteMargin,
        Duration retryAfterError) {

    public SweepSettings {
        if (pageSize < 1 || pageSize > 1000 || rekeyPageSize < 1 || rekeyPageSize > 1000) {
            throw new IllegalArgumentException("Page sizes are between 1 and 1000");
        }
        for (Duration d :
                new Duration[] {timeReserve, republishAfter, firstRunLookback, lateWriteMargin, retryAfterError}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative()) {
                throw new IllegalArgumentException("Sweep durations cannot be negative: " + d);
            }
        }
    }

    /** 25 keys a page, 10 s reserve, re-publish after 30 s, 14 days back on the first run, 5 min margin. */
    public static SweepSettings defaults() {
        return new SweepSettings(
                25,
                100,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofDays(14),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5));
    }

    public SweepSettings withPageSize(int size) {
        return new SweepSettings(
                size, rekeyPageSize, timeReserve, republishAfter, firstRunLookback, lateWriteMargin, retryAfterError);
    }

    public SweepSettings withRekeyPageSize(int size) {
        return new SweepSettings(
                pageSize, size, timeReserve, republishAfter, firstRunLookback, lateWriteMargin, retryAfterError);
    }

    public SweepSettings withTimeReserve(Duration reserve) {
        return new SweepSettings(
                pageSize, rekeyPageSize, reserve, republishAfter, firstRunLookback, lateWriteMargin, retryAfterError);
    }

    public SweepSettings withRepublishAfter(Duration after) {
        return new SweepSettings(
                pageSize, rekeyPageSize, timeReserve, after, firstRunLookback, lateWriteMargin, retryAfterError);
    }

    public SweepSettings withFirstRunLookback(Duration lookback) {
        return new SweepSettings(
                pageSize, rekeyPageSize, timeReserve, republishAfter, lookback, lateWriteMargin, retryAfterError);
    }
}
