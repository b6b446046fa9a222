package com.supportdesk.servicehealth;

import com.supportdesk.api.Validate;
import com.supportdesk.model.ServiceName;
import java.time.Instant;

/** Body of {@code POST /service-health/incidents}; {@code startedAt} defaults to now. */
public record NewIncident(ServiceName service, String title, String description, Instant startedAt) {

    NewIncident validated() {
        return new NewIncident(
                Validate.present("service", service),
                Validate.line("title", title, 200),
                Validate.optionalText("description", description, 4000),
                startedAt);
    }
}
