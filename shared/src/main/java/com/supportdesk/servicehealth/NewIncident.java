package com.supportdesk.servicehealth;

import com.supportdesk.api.Validate;
import com.supportdesk.model.ServiceName;
import java.time.Duration;
import java.time.Instant;

/** Body of {@code POST /service-health/incidents}; {@code startedAt} defaults to now. */
public record NewIncident(ServiceName service, String title, String description, Instant startedAt) {
    /** No incident of these services began before this. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Room for a clock that runs a little ahead and for announcing planned maintenance; no more. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    NewIncident validated(Instant now) {
        return new NewIncident(
                Validate.present("service", service),
                Validate.line("title", title, 200),
                Validate.optionalText("description", description, 4000),
                startedAt == null ? null : withinWindow("startedAt", startedAt, now));
    }

    /**
     * An incident time from {@link #EARLIEST} to {@link #MAX_AHEAD} after now: a start far in the future
     * would keep the incident active, and linked to every new case of its service, for years.
     */
    static Instant withinWindow(String field, Instant value, Instant now) {
        if (value.isBefore(EARLIEST)) {
            throw Validate.invalid(field, "tooEarly", "earliest", EARLIEST);
        }
        if (value.isAfter(now.plus(MAX_AHEAD))) {
            throw Validate.invalid(field, "tooFarAhead");
        }
        return value;
    }
}
