package com.supportdesk.servicehealth;

import com.supportdesk.model.ServiceName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Service health as the support options show it: the active incidents and those resolved within the
 * history period, newest resolution first, each with its latest update only (the full timeline is on
 * {@code GET /service-health}).
 */
public record ServiceHealthView(List<Summary> active, List<Summary> recentlyResolved, int historyDays) {
    /** At most this many resolved incidents in the options; the rest are paged on {@code GET /service-health}. */
    public static final int RESOLVED_SHOWN = 10;

    public ServiceHealthView {
        active = List.copyOf(active);
        recentlyResolved = List.copyOf(recentlyResolved);
    }

    public record Summary(
            String incidentId,
            ServiceName service,
            String title,
            IncidentStatus status,
            Instant startedAt,
            Instant resolvedAt,
            IncidentUpdate latestUpdate) {
        static Summary of(Incident i) {
            return new Summary(
                    i.incidentId(),
                    i.service(),
                    i.title(),
                    i.status(),
                    i.startedAt(),
                    i.resolvedAt(),
                    i.latestUpdate().orElse(null));
        }
    }

    public static ServiceHealthView of(
            List<Incident> active,
            IncidentRepository incidents,
            Optional<ServiceName> service,
            IncidentHistory history,
            Instant now) {
        List<Incident> resolved =
                incidents.recentlyResolved(history.since(now), history.until(now), service, RESOLVED_SHOWN);
        return new ServiceHealthView(
                active.stream().map(Summary::of).toList(),
                resolved.stream().map(Summary::of).toList(),
                history.days());
    }
}
