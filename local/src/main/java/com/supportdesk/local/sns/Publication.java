package com.supportdesk.local.sns;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message published to a topic, as its subscribers receive it.
 *
 * @param subject    null when the publisher gave none
 * @param attributes message attributes by name, in the order they were given
 * @param timestamp  when it was published, on the runner's (simulated) clock
 */
public record Publication(
        String messageId,
        String topicArn,
        String subject,
        String message,
        Map<String, Attribute> attributes,
        Instant timestamp) {

    public Publication {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * A message attribute: {@code dataType} is {@code String}, {@code Number}, {@code Binary} or
     * {@code String.Array}; binary values are kept base64-encoded, as they travel.
     */
    public record Attribute(String dataType, String stringValue, String binaryValue) {
        /** The value as text: the string, or the base64 of a binary value. */
        public String text() {
            return stringValue != null ? stringValue : binaryValue;
        }

        public boolean isBinary() {
            return dataType.startsWith("Binary");
        }
    }

    /** Attribute values as text, for the outbox. */
    public Map<String, String> attributeTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        attributes.forEach((name, attribute) -> texts.put(name, attribute.text()));
        return texts;
    }
}
