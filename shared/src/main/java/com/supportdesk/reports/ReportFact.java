package com.supportdesk.reports;

import java.util.Map;
import java.util.Objects;

/**
 * One fact of a case that a daily aggregate counts, with what it adds to which counter. Its id is
 * deterministic ({@code <caseId>:<kind>}), so however often a fact is derived and applied, the aggregate's
 * conditional update counts it once.
 *
 * @param add counter name → amount (a changed rating adds the difference to the sum, which may be negative)
 */
public record ReportFact(String id, ReportKey key, Map<String, Long> add) {
    public ReportFact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        add = Map.copyOf(add);
    }
}
