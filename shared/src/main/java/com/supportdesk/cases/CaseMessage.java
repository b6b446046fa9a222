package com.supportdesk.cases;

import java.time.Instant;

/** The text of an agent response or a customer reply, stored beside the case and named by its history entry. */
public record CaseMessage(String messageId, Instant at, String by, Actor role, String text) {}
