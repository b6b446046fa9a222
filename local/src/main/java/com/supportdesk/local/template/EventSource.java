package com.supportdesk.local.template;

import java.util.Map;

/** One entry of a function's {@code Events}: its name, type (HttpApi, Schedule, SNS, ...) and properties. */
public record EventSource(String name, String type, Map<String, Object> properties) {}
