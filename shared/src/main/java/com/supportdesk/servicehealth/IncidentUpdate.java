package com.supportdesk.servicehealth;

import java.time.Instant;

/** One entry of an incident's timeline: what the operator said, when, and the status it left the incident in. */
public record IncidentUpdate(Instant at, IncidentStatus status, String message, String by) {}
