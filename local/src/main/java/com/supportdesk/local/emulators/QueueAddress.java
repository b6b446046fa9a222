package com.supportdesk.local.emulators;

/** Where a queue of the template is locally: its name, URL and ARN. */
public record QueueAddress(String name, String url, String arn) {}
